package io.github.gen4j.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionEditing;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each family's latent on a tiny 8x8 model: strips start and end at the inputs. */
class LatentSpacesTest {

    static final ImageDataset IMAGES = TestImages.shapes(64, 1, 8, 7);

    /** Two test images as raw (2, 1, 8, 8) 0..255 floats. */
    static float[] twoImages() {
        float[] raw = new float[2 * 64];
        IMAGES.copyImage(0, raw, 0);
        IMAGES.copyImage(1, raw, 64);
        return raw;
    }

    static float maxAbs(float[] a, float[] b, int from, int n) {
        float m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(a[from + i] - b[i]));
        }
        return m;
    }

    static float[] unit(float[] raw, int from, int n) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = raw[from + i] / 255f;
        }
        return u;
    }

    @Test
    void flowStripEndpointsAreTheInputsExactly() {
        FlowTask task = new FlowTask(FlowConfig.defaults(1, 8).withSteps(1).withHidden(8));
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            task.initialize(m);
            LatentSpace space = FamilyRegistry.latentSpace(task, LatentSettings.defaults());
            float[] raw = twoImages();
            Interpolations.ImageStrip is = Interpolations.betweenImages(space, m, raw, null, 6, Interpolation.SLERP);
            Interpolations.Strip s = is.strip();
            assertEquals(6 * 64, s.frames().length);
            assertArrayEquals(unit(raw, 0, 128), is.originals(), 0f);
            assertArrayEquals(unit(raw, 0, 64), java.util.Arrays.copyOfRange(s.frames(), 0, 64), 0f);
            assertArrayEquals(unit(raw, 64, 64), java.util.Arrays.copyOfRange(s.frames(), 5 * 64, 6 * 64), 0f);
            assertArrayEquals(new double[] {0, 0}, is.endMse(), 0);
            assertEquals(120, is.endPsnr(1), 1e-9, "PSNR is capped at MSE 1e-12");
        }
    }

    @Test
    void conditionalDiffusionWithOneHotWeightsIsTheConditionalModel() {
        DiffusionConfig cfg = new DiffusionConfig(1, 8, List.of(8, 16), 1, false, 2, 0.0, 4, 100,
                NoiseSchedule.Kind.LINEAR, DiffusionConfig.Prediction.EPSILON, 3, 0.2);
        DiffusionTask task = new DiffusionTask(cfg);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(5);
            task.initialize(m);
            LatentSpace space = FamilyRegistry.latentSpace(task, LatentSettings.defaults().withDdimSteps(5));
            Interpolations.Strip s = Interpolations.strip(space, m, Interpolations.Point.seed(space, 1, 0),
                    Interpolations.Point.seed(space, 1, 2), 3, Interpolation.LERP);
            NDArray xT = m.create(space.seedLatent(1), new Shape(1, 1, 8, 8));
            DiffusionEditing edit = new DiffusionEditing(task);
            float[] c0 = edit.generateFrom(m, xT, 5, SampleOptions.ofClass(0).withGuidance(1)).toFloatArray();
            float[] c2 = edit.generateFrom(m, xT, 5, SampleOptions.ofClass(2).withGuidance(1)).toFloatArray();
            assertTrue(maxAbs(s.frames(), c0, 0, 64) < 1e-5);
            assertTrue(maxAbs(s.frames(), c2, 2 * 64, 64) < 1e-5);
            assertTrue(maxAbs(s.frames(), c0, 64, 64) > 1e-4, "the middle frame mixes the classes");
        }
    }

    @Test
    void ganRecoveryLowersTheReconstructionErrorFromItsStart() {
        // an untrained BatchNorm generator samples with running statistics that have seen no batch, and its
        // N(0, 0.02) weights make G(z) almost constant in z: nothing to recover. PixelNorm's output depends on
        // z from the start.
        GanConfig cfg = new GanConfig(1, 8, 8, List.of(16, 8), List.of(8, 16), 0, GanPreset.PLAIN.recipe())
                .withGeneratorBlocks(io.github.gen4j.gan.GeneratorBlocks.PIXELNORM);
        GanTask task = new GanTask(cfg);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(6);
            task.initialize(m);
            // targets the generator can produce: G(z*) for hidden z*
            NDArray zStar = m.randomNormal(new Shape(3, 8));
            NDArray target = task.generator().generate(new ai.djl.training.ParameterStore(m, false), zStar, null, false);
            LatentRecovery.Result r = LatentRecovery.recover(task.generator(), m, target, null, null,
                    new LatentRecovery.Settings(80, 0.05, 0.1, 2));
            assertEquals(new Shape(3, 8), r.z().getShape());
            for (int i = 0; i < 3; i++) {
                assertTrue(r.finalError()[i] < 0.5 * r.startError()[i],
                        "image " + i + ": error " + r.startError()[i] + " -> " + r.finalError()[i]);
            }
        }
    }

    @Test
    void vaeStripEndpointsAreItsReconstructionsAndCloseToTheInputs(@TempDir Path tmp) {
        VaeTask task = new VaeTask(new VaeConfig(1, 8, List.of(16), 64, 8, Likelihood.GAUSSIAN, 1, 0));
        TrainConfig t = TrainConfig.builder().steps(150).batchSize(32).lr(3e-3).warmupSteps(10).cosine(false).gradClip(1000)
                .emaDecay(0).logEvery(1000).keepCheckpoints(1).seed(3).build();
        ImageDataset train = TestImages.shapes(512, 1, 8, 8);
        RunConfig rc = new RunConfig("test", "vae", Json.tree(task.config()), t,
                RunConfig.DataInfo.of("test shapes", "test", train, IMAGES));
        new Trainer(task, train, IMAGES, rc, new RunDir(tmp), Device.cpu()).fit(false);
        try (LoadedRun model = Runs.load(tmp, null, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            LatentSpace space = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults());
            float[] raw = twoImages();
            Interpolations.Point[] p = Interpolations.encode(space, m, raw, 2, null);
            Interpolations.Strip s = Interpolations.strip(space, m, p[0], p[1], 4, Interpolation.SLERP);
            float[] rec = model.reconstructor().reconstruct(m, m.create(raw, new Shape(2, 1, 8, 8)), null).toFloatArray();
            assertTrue(maxAbs(s.frames(), java.util.Arrays.copyOfRange(rec, 0, 64), 0, 64) < 1e-5);
            assertTrue(maxAbs(s.frames(), java.util.Arrays.copyOfRange(rec, 64, 128), 3 * 64, 64) < 1e-5);
            // closeness to the inputs is the VAE's own reconstruction error: after 150 steps it must beat the
            // trivial reconstruction (the mean image of the data) by 25% (measured: 0.044 against 0.075)
            float[] u = unit(raw, 0, 128);
            float[] meanImage = new float[64];
            float[] px = new float[64];
            for (int i = 0; i < train.size(); i++) {
                train.copyImage(i, px, 0);
                for (int j = 0; j < 64; j++) {
                    meanImage[j] += px[j] / 255f / train.size();
                }
            }
            double mse = 0;
            double trivial = 0;
            for (int i = 0; i < 64; i++) {
                mse += Math.pow(s.frames()[i] - u[i], 2) / 128 + Math.pow(s.frames()[3 * 64 + i] - u[64 + i], 2) / 128;
                trivial += Math.pow(meanImage[i] - u[i], 2) / 128 + Math.pow(meanImage[i] - u[64 + i], 2) / 128;
            }
            System.out.println("VAE endpoint MSE " + mse + ", mean-image MSE " + trivial);
            assertTrue(mse < 0.75 * trivial, "VAE endpoint MSE " + mse + ", mean image " + trivial);
        }
    }

    @Test
    void conditionalVaeNeedsAClassAndUnconditionalRefusesOne() {
        VaeTask task = new VaeTask(new VaeConfig(1, 8, List.of(8), 16, 4, Likelihood.GAUSSIAN, 1, 3));
        VaeTask plain = new VaeTask(new VaeConfig(1, 8, List.of(8), 16, 4, Likelihood.GAUSSIAN, 1, 0));
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            plain.initialize(m);
            LatentSpace space = FamilyRegistry.latentSpace(task, LatentSettings.defaults());
            assertThrows(IllegalArgumentException.class, () -> Interpolations.strip(space, m,
                    Interpolations.Point.seed(space, 1), Interpolations.Point.seed(space, 2), 3, Interpolation.LERP));
            Interpolations.Strip s = Interpolations.strip(space, m, Interpolations.Point.seed(space, 1, 0),
                    Interpolations.Point.seed(space, 1, 2), 3, Interpolation.LERP);
            assertEquals(3 * 64, s.frames().length);
            LatentSpace p = FamilyRegistry.latentSpace(plain, LatentSettings.defaults());
            assertThrows(IllegalArgumentException.class, () -> Interpolations.Point.seed(p, 1, 0));
        }
    }
}
