package io.github.gen4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.diffusion.sampler.DdimSampler;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffusionTaskTest {

    static DiffusionTask task(int classes, DiffusionConfig.Prediction p) {
        return new DiffusionTask(UNetTest.tiny(1, 8, List.of(8, 16), classes).withPrediction(p));
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void guidanceZeroIsTheUnconditionalModelAndOneTheConditional() {
        DiffusionTask task = task(3, DiffusionConfig.Prediction.EPSILON);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(7);
            task.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            int[] labels = {1, 2};
            NDArray uncond = task.eps(ps, x, 40, m.create(new int[] {3, 3})); // 3 = no class
            NDArray cond = task.eps(ps, x, 40, m.create(labels));
            assertTrue(maxDiff(uncond, cond) > 1e-4, "the class must matter for this test to mean anything");
            assertEquals(0, maxDiff(task.predictor(ps, labels, 0).predictNoise(x, 40), uncond), 1e-6);
            assertEquals(0, maxDiff(task.predictor(ps, labels, 1).predictNoise(x, 40), cond), 1e-6);
            NDArray guided = task.predictor(ps, labels, 3).predictNoise(x, 40);
            assertEquals(0, maxDiff(guided, uncond.add(cond.sub(uncond).mul(3f))), 1e-4);
        }
    }

    @Test
    void generateWithGuidanceZeroSamplesTheUnconditionalModel() {
        DiffusionTask task = task(3, DiffusionConfig.Prediction.V);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(7);
            task.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            SampleOptions o = SampleOptions.defaults().withSampler("ddim", 6);
            Gen4j.engine().setRandomSeed(21);
            float[] viaTask = task.generate(m, 4, o).toFloatArray();
            Gen4j.engine().setRandomSeed(21);
            NDArray xT = m.randomNormal(new Shape(4, 1, 8, 8));
            NoisePredictor uncond = (x, t) -> task.eps(ps, x, t, x.getManager().full(new Shape(4), 3));
            NDArray manual = new DdimSampler(task.schedule(), 0, true).sample(uncond, xT, 6, null);
            assertArrayEquals(manual.add(1f).div(2f).clip(0f, 1f).toFloatArray(), viaTask, 1e-5f);
        }
    }

    @Test
    void generateHonoursSamplerStepsAndReportsProgress() {
        DiffusionTask task = task(0, DiffusionConfig.Prediction.EPSILON);
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            for (String sampler : new String[] {"ddpm", "ddim", "dpm++2m"}) {
                List<int[]> calls = new ArrayList<>();
                NDArray x = task.generate(m, 3, SampleOptions.defaults().withSampler(sampler, 5)
                        .withProgress((done, total) -> calls.add(new int[] {done, total})));
                assertEquals(new Shape(3, 1, 8, 8), x.getShape());
                assertTrue(x.min().getFloat() >= 0 && x.max().getFloat() <= 1);
                assertEquals(5, calls.size(), sampler);
                assertArrayEquals(new int[] {5, 5}, calls.get(4));
            }
            List<int[]> calls = new ArrayList<>();
            task.generate(m, 1, SampleOptions.defaults().withSampler("ddpm", 0)
                    .withProgress((done, total) -> calls.add(new int[] {done, total})));
            assertEquals(100, calls.size(), "DDPM's default is all T steps");
        }
    }

    @Test
    void badSampleOptionsFailWithTheOptionName() {
        DiffusionTask task = task(0, DiffusionConfig.Prediction.EPSILON);
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            String a = assertThrows(IllegalArgumentException.class, () -> task.generate(m, 1,
                    SampleOptions.defaults().withSampler("euler", 5))).getMessage();
            assertTrue(a.contains("--sampler") && a.contains("ddim"), a);
            String b = assertThrows(IllegalArgumentException.class, () -> task.generate(m, 1,
                    SampleOptions.defaults().withSampler("ddim", 101))).getMessage();
            assertTrue(b.contains("--steps"), b);
            String c = assertThrows(IllegalArgumentException.class, () -> task.generate(m, 1,
                    SampleOptions.ofClass(1))).getMessage();
            assertTrue(c.contains("--class"), c);
        }
        DiffusionTask cond = task(3, DiffusionConfig.Prediction.EPSILON);
        try (NDManager m = NDManager.newBaseManager()) {
            cond.initialize(m);
            String d = assertThrows(IllegalArgumentException.class, () -> cond.generate(m, 1,
                    SampleOptions.ofClass(1))).getMessage();
            assertTrue(d.contains("--guidance"), d);
            assertEquals(new Shape(2, 1, 8, 8), cond.generate(m, 2,
                    SampleOptions.ofClass(1).withGuidance(2).withSampler("ddim", 3)).getShape());
        }
    }

    @Test
    void theBoundIsFiniteAndPositiveInBitsPerDim() {
        DiffusionTask task = task(0, DiffusionConfig.Prediction.EPSILON);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            task.initialize(m);
            var batch = Batcher.range(TestImages.shapes(6, 1, 8, 1), 0, 6, m);
            Map<String, Double> sums = task.bitsPerDimSum(m, batch, 10);
            double bpd = sums.get("vlb_bpd") / 6;
            assertTrue(Double.isFinite(bpd) && bpd > 0, "bpd " + bpd);
            assertEquals(sums.get("nvlb_nats") / (64 * Math.log(2)), sums.get("vlb_bpd"), 1e-6 * sums.get("vlb_bpd"));
        }
    }
}
