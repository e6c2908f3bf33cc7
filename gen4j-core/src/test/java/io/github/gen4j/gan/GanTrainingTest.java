package io.github.gen4j.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.AdamW;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.MetricsLog;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingDivergedException;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainingTest {

    static TrainConfig config(long steps, int evalEvery) {
        return TrainConfig.builder().steps(steps).batchSize(16).lr(2e-4).warmupSteps(0).cosine(false).gradClip(0)
                .emaDecay(0.9).logEvery(2).evalEvery(evalEvery).checkpointEvery(4).keepCheckpoints(2).seed(7).build();
    }

    static Trainer trainer(TrainingTask task, TrainConfig t, Path dir) {
        RunConfig rc = new RunConfig("test", task.family(), Json.tree(task.modelConfig()), t,
                RunConfig.DataInfo.of("test shapes", "test", GanTestSupport.DATA, GanTestSupport.HELD_OUT));
        return new Trainer(task, GanTestSupport.DATA, GanTestSupport.HELD_OUT, rc, new RunDir(dir), Device.cpu());
    }

    @Test
    void aFewDiscriminatorStepsAloneSeparateRealFromFake() {
        GanRecipe r = GanPreset.PLAIN.recipe().withLr(2e-3, 2e-3);
        GanTask task = new GanTask(GanTestSupport.tiny(r, 0));
        try (NDManager m = NDManager.newBaseManager(); NDManager state = m.newSubManager()) {
            Gen4j.engine().setRandomSeed(1);
            task.initialize(m);
            List<Pair<String, Parameter>> params = new ArrayList<>();
            for (Pair<String, Parameter> p : task.discriminator().getParameters()) {
                params.add(p);
            }
            AdamW opt = new AdamW("discriminator", params, 0.5, 0.999, 0, state);
            GanSteps steps = new GanSteps(task.generator(), task.discriminator(), r, 0);
            Batcher batcher = new Batcher(GanTestSupport.DATA, 32, 3);
            double firstLoss = Double.NaN;
            double lastLoss = Double.NaN;
            for (int i = 0; i < 40; i++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = Pixels.toSigned(batcher.batch(i, s).pixels());
                    GanSteps.DiscriminatorUpdate u = steps.trainDiscriminator(s, new ParameterStore(s, false), x, null,
                            name -> opt.step(s, 2e-3, 0));
                    lastLoss = u.loss();
                    if (i == 0) {
                        firstLoss = u.loss();
                    }
                }
            }
            assertTrue(lastLoss < 0.3 * firstLoss, "D loss " + firstLoss + " -> " + lastLoss);
            // held-out real images against fresh fakes: D(x) > 0 > D(G(z)) for (almost) all of them
            try (NDManager s = m.newSubManager()) {
                ParameterStore ps = new ParameterStore(s, false);
                Batch held = Batcher.range(GanTestSupport.HELD_OUT, 0, 64, s);
                NDArray real = task.discriminator().score(ps, Pixels.toSigned(held.pixels()), null, false);
                NDArray fake = task.discriminator().score(ps,
                        task.generator().generate(ps, Latents.normal(s, 64, 8, 0), null, false), null, false);
                double accuracy = 0.5 * (real.gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat()
                        + fake.lt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat());
                assertTrue(accuracy >= 0.95, "D accuracy on held-out real vs fresh fakes: " + accuracy);
            }
        }
    }

    @Test
    void resumeRestoresBothNetworksBothOptimizersAndTheSpectralNormState(@TempDir Path tmp) {
        GanRecipe r = GanPreset.STABILIZED.recipe().withDSteps(2).withPenalties(0, 1.0);
        TrainConfig t = config(8, 0);
        Trainer.Result full = trainer(new GanTask(GanTestSupport.tiny(r, 3)), t, tmp.resolve("full")).fit(false);
        assertEquals(8, full.steps());

        Trainer first = trainer(new GanTask(GanTestSupport.tiny(r, 3)), t, tmp.resolve("split"));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 4) {
                    first.requestStop();
                }
            }
        });
        assertEquals(4, first.fit(false).steps());
        Trainer.Result resumed = trainer(new GanTask(GanTestSupport.tiny(r, 3)), t, tmp.resolve("split")).fit(true);
        assertEquals(8, resumed.steps());

        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Checkpoint.read(full.lastCheckpoint(), m).arrays();
            Map<String, NDArray> b = Checkpoint.read(resumed.lastCheckpoint(), m).arrays();
            assertEquals(a.keySet(), b.keySet());
            for (String prefix : List.of("net/generator/", "net/discriminator/", "opt/generator/m/",
                    "opt/discriminator/v/", "ema/generator/")) {
                assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith(prefix)), "checkpoint has " + prefix);
            }
            assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith("net/discriminator/") && k.endsWith("sn_u")),
                    "the spectral-norm vectors are saved");
            assertTrue(a.keySet().stream().noneMatch(k -> k.startsWith("opt/") && k.endsWith("sn_u")),
                    "no optimizer state for non-trained u");
            for (String k : a.keySet()) {
                float[] x = a.get(k).toFloatArray();
                float[] y = b.get(k).toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5, k + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void metricsLogLossesScoresGradNormsAndTheDiversitySignal(@TempDir Path tmp) throws IOException {
        GanRecipe r = GanPreset.WGAN_GP.recipe().withDSteps(2);
        Trainer.Result res = trainer(new GanTask(GanTestSupport.tiny(r, 0)), config(4, 2), tmp).fit(false);
        assertNotNull(res.lastCheckpoint());
        List<JsonNode> lines = MetricsLog.read(new RunDir(tmp).metricsFile());
        JsonNode train = lines.stream().filter(n -> n.path("kind").asText().equals("train")).findFirst().orElseThrow();
        for (String k : List.of("loss_d", "loss_g", "d_real", "d_fake", "gp", "grad_norm/generator",
                "grad_norm/discriminator")) {
            assertTrue(train.has(k), "train line has " + k + ": " + train);
        }
        JsonNode eval = lines.stream().filter(n -> n.path("kind").asText().equals("eval")).findFirst().orElseThrow();
        double ratio = eval.path("diversity_ratio").asDouble();
        assertTrue(ratio > 0 && Double.isFinite(ratio), eval.toString());
        assertEquals(eval.path("diversity").asDouble() / eval.path("diversity_real").asDouble(), ratio, 1e-9);
    }

    @Test
    void aDiscriminatorThatWinsForTooLongStopsTheRunWithAMessage(@TempDir Path tmp) {
        // G barely moves while D learns fast: D soon puts every real above +1 and every fake below -1
        GanRecipe r = GanPreset.PLAIN.recipe().withLoss(GanLoss.HINGE).withLr(1e-6, 5e-2).withDWinPatience(3);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(new GanTask(GanTestSupport.tiny(r, 0)), config(200, 0), tmp).fit(false));
        assertTrue(e.getMessage().contains("discriminator has won completely for 3 steps"), e.getMessage());
    }
}
