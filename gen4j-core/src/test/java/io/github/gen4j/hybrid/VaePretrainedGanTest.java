package io.github.gen4j.hybrid;

import static io.github.gen4j.hybrid.HybridTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.family.Runs;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.gan.VaeDecoderGenerator;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaePretrainedGanTest {

    @TempDir static Path tmp;
    static Path vaeRun;

    /** 8x8 GAN with a stabilized recipe at test learning rates (its DCGAN generator is replaced). */
    static final GanConfig BASE = new GanConfig(1, 8, 8, List.of(16, 8), List.of(8, 16), 0,
            GanPreset.STABILIZED.recipe().withLr(1e-3, 4e-3));

    @BeforeAll
    static void trainATinyVae() {
        vaeRun = tmp.resolve("vae");
        HybridTestSupport.trainer(new VaeTask(HybridTestSupport.tinyVae(Likelihood.GAUSSIAN)),
                HybridTestSupport.train(6, 3e-3), vaeRun).fit(false);
    }

    @Test
    void theGeneratorStartsAsTheVaeDecoderAndTheDiscriminatorFresh() {
        VaePretrainedGan task = VaePretrainedGan.create(BASE, vaeRun, Device.cpu());
        GanConfig cfg = task.gan().config();
        assertEquals(4, cfg.latentDim(), "latent size from the VAE");
        assertTrue(cfg.initFrom().endsWith("step-00000006.ckpt"), cfg.initFrom());
        GanTask cold = new GanTask(cfg.withVaeDecoder(cfg.vaeDecoder(), null));
        try (NDManager m = NDManager.newBaseManager();
                LoadedRun vae = Runs.load(vaeRun, null, Device.cpu());
                NDManager vm = vae.manager().newSubManager()) {
            Gen4j.engine().setRandomSeed(5);
            task.initialize(m);
            Gen4j.engine().setRandomSeed(5);
            cold.initialize(m);
            NDArray z = vm.randomNormal(new Shape(6, 4));
            VaeTask vt = (VaeTask) vae.task();
            float[] want = vt.config().likelihood().mean(vt.network().decode(new ParameterStore(vm, false), z, null,
                    false)).toFloatArray();
            NDArray zg = m.create(z.toFloatArray(), z.getShape());
            float[] got = unit(task.gan().generator().generate(new ParameterStore(m, false), zg, null, false));
            float[] random = unit(cold.generator().generate(new ParameterStore(m, false), zg, null, false));
            double coldDiff = 0;
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-6, "pixel " + i);
                coldDiff = Math.max(coldDiff, Math.abs(want[i] - random[i]));
            }
            assertTrue(coldDiff > 1e-2, "a randomly initialized decoder differs: " + coldDiff);
            // the discriminator is the fresh one of the same seed
            float[] d1 = task.gan().discriminator().getParameters().get(0).getValue().getArray().toFloatArray();
            float[] d2 = cold.discriminator().getParameters().get(0).getValue().getArray().toFloatArray();
            for (int i = 0; i < d1.length; i++) {
                assertEquals(d2[i], d1[i], 0.0);
            }
        }
    }

    private static float[] unit(NDArray signed) {
        return signed.add(1f).div(2f).toFloatArray();
    }

    @Test
    void trainsAdversariallyResumesExactlyAndLoadsAsAGanRun(@TempDir Path dir) throws IOException {
        Trainer.Result full = HybridTestSupport.trainer(VaePretrainedGan.create(BASE, vaeRun, Device.cpu()),
                HybridTestSupport.train(12, 1e-3), dir.resolve("full")).fit(false);
        assertEquals(12, full.steps());
        double[] lossD = HybridTestSupport.trainMetric(dir.resolve("full"), "loss_d");
        // the fresh discriminator learns to tell the decoder's (blurry) images from real ones
        assertTrue(mean(lossD, 8, 12) < 0.97 * mean(lossD, 0, 4), "loss_d " + mean(lossD, 0, 4) + " -> "
                + mean(lossD, 8, 12));

        Trainer first = HybridTestSupport.trainer(VaePretrainedGan.create(BASE, vaeRun, Device.cpu()),
                HybridTestSupport.train(12, 1e-3), dir.resolve("split"));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 6) {
                    first.requestStop();
                }
            }
        });
        assertEquals(6, first.fit(false).steps());
        Trainer.Result resumed = HybridTestSupport.trainer(VaePretrainedGan.create(BASE, vaeRun, Device.cpu()),
                HybridTestSupport.train(12, 1e-3), dir.resolve("split")).fit(true);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Checkpoint.read(full.lastCheckpoint(), m).arrays();
            Map<String, NDArray> b = Checkpoint.read(resumed.lastCheckpoint(), m).arrays();
            assertEquals(a.keySet(), b.keySet());
            for (String k : a.keySet()) {
                float[] x = a.get(k).toFloatArray();
                float[] y = b.get(k).toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5, k + "[" + i + "]");
                }
            }
        }
        try (LoadedRun gan = Runs.load(dir.resolve("full"), null, Device.cpu());
                NDManager m = gan.manager().newSubManager()) {
            GanTask t = assertInstanceOf(GanTask.class, gan.task());
            assertInstanceOf(VaeDecoderGenerator.class, t.generator());
            assertEquals(new Shape(3, 1, 8, 8), gan.generator().generate(m, 3,
                    io.github.gen4j.model.SampleOptions.defaults()).getShape());
        }
    }

    @Test
    void aMissingForeignOrMismatchedRunIsRefusedWithOneLineNamingTheOption() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> VaePretrainedGan.vaeConfig(tmp.resolve("nope"), 1, 8));
        assertTrue(missing.getMessage().startsWith("--init-from: ") && missing.getMessage().contains("no such run"),
                missing.getMessage());

        Path gan = tmp.resolve("gan-run");
        Files.createDirectories(gan);
        new RunDir(gan).writeConfig(new RunConfig("test", "gan", Json.tree(BASE), HybridTestSupport.train(1, 1e-3),
                RunConfig.DataInfo.of("test", "test", HybridTestSupport.DATA, HybridTestSupport.HELD_OUT)));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> VaePretrainedGan.vaeConfig(gan, 1, 8));
        assertTrue(foreign.getMessage().contains("is a gan run"), foreign.getMessage());

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> VaePretrainedGan.vaeConfig(vaeRun, 3, 8));
        assertTrue(shape.getMessage().contains("makes 1x8x8 images but the data is 3x8x8"), shape.getMessage());

        Path empty = tmp.resolve("vae-no-ckpt");
        Files.createDirectories(empty);
        new RunDir(empty).writeConfig(new RunDir(vaeRun).readConfig());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> VaePretrainedGan.vaeConfig(empty, 1, 8));
        assertTrue(none.getMessage().contains("has no checkpoint yet"), none.getMessage());
        for (IllegalArgumentException e : List.of(missing, foreign, shape, none)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
