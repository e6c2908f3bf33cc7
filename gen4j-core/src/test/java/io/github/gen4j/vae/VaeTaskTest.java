package io.github.gen4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.testing.TestImages;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class VaeTaskTest {

    @ParameterizedTest
    @CsvSource({"1, 28, 32;64", "3, 32, 16;32;64", "3, 64, 8;16;32;64"})
    void encoderAndDecoderShapesForEverySize(int c, int size, String widths) {
        List<Integer> w = java.util.Arrays.stream(widths.split(";")).map(Integer::parseInt).toList();
        VaeConfig cfg = new VaeConfig(c, size, w, 64, 8, Likelihood.GAUSSIAN, 1, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            ConvVae vae = new ConvVae(cfg);
            vae.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(3, c, size, size));
            var stats = vae.encode(ps, x, null, false);
            assertEquals(new Shape(3, 8), stats.get(0).getShape());
            assertEquals(new Shape(3, 8), stats.get(1).getShape());
            assertEquals(new Shape(3, 2L * c, size, size), vae.decode(ps, stats.get(0), null, false).getShape());
        }
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void iwaeBoundIsAtLeastTheElboOnTheSameBatch(Likelihood l) {
        ImageDataset data = TestImages.shapes(16, 1, 8, 3);
        VaeTask task = new VaeTask(new VaeConfig(1, 8, List.of(8, 16), 32, 4, l, 1, 0));
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(5);
            task.initialize(m);
            Batch b = Batcher.range(data, 0, 16, m);
            VaeTask.Bounds bounds = task.bounds(m, b, 64);
            // log mean w >= mean log w (Jensen) for the same k samples: -IWAE <= -ELBO
            assertTrue(bounds.niwaeNats() <= bounds.nelboNats() + 1e-3,
                    bounds.niwaeNats() + " vs " + bounds.nelboNats());
            assertTrue(Double.isFinite(bounds.nelboNats()));
            if (l.hasBitsPerDim()) {
                assertTrue(bounds.iwaeBpd() <= bounds.elboBpd() + 1e-6);
                assertTrue(bounds.elboBpd() > 0 && bounds.elboBpd() < 100, "bpd " + bounds.elboBpd());
            }
        }
    }

    @Test
    void discretizedGaussianIsAProperDistributionOverThe256Values() {
        // with a fixed mean and scale, the probabilities of all 256 values of one pixel sum to 1
        try (NDManager m = NDManager.newBaseManager()) {
            float[] values = new float[256];
            for (int v = 0; v < 256; v++) {
                values[v] = v;
            }
            NDArray raw = m.create(values, new Shape(256, 1, 1, 1));
            NDArray out = m.create(new float[] {0.3f, -3f}, new Shape(1, 2, 1, 1)).repeat(0, 256);
            NDArray logP = Likelihood.DISCRETIZED_GAUSSIAN.logProb(out, raw.div(255f), raw);
            assertEquals(1.0, logP.exp().sum().getFloat(), 1e-4);
        }
    }

    @Test
    void discretizedLogisticIsAProperDistributionAndMatchesTheLogisticCdf() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] values = new float[256];
            for (int v = 0; v < 256; v++) {
                values[v] = v;
            }
            NDArray raw = m.create(values, new Shape(256, 1, 1, 1));
            double mean = 0.3;
            double logScale = -3;
            NDArray out = m.create(new float[] {(float) mean, (float) logScale}, new Shape(1, 2, 1, 1)).repeat(0, 256);
            float[] logP = Likelihood.DISCRETIZED_LOGISTIC.logProb(out, raw.div(255f), raw).toFloatArray();
            double total = 0;
            // the soft floor of the log-scale moves -3 by softplus(4) - 4 = 0.018
            double s = Math.exp(Math.log1p(Math.exp(logScale + 7)) - 7);
            for (int v = 0; v < 256; v++) {
                total += Math.exp(logP[v]);
                double hi = v == 255 ? 1 : sigmoid((v / 255.0 + 1 / 510.0 - mean) / s);
                double lo = v == 0 ? 0 : sigmoid((v / 255.0 - 1 / 510.0 - mean) / s);
                assertEquals(Math.log(hi - lo), logP[v], 2e-3 + 1e-4 * Math.abs(Math.log(hi - lo)), "value " + v);
            }
            assertEquals(1.0, total, 1e-4);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void conditionalDecoderUsesTheLabel() {
        VaeTask task = new VaeTask(new VaeConfig(1, 8, List.of(8, 16), 32, 4, Likelihood.GAUSSIAN, 1, 3));
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            Gen4j.engine().setRandomSeed(1);
            float[] a = task.generate(m, 4, SampleOptions.ofClass(0)).toFloatArray();
            Gen4j.engine().setRandomSeed(1);
            float[] b = task.generate(m, 4, SampleOptions.ofClass(2)).toFloatArray();
            Gen4j.engine().setRandomSeed(1);
            float[] a2 = task.generate(m, 4, SampleOptions.ofClass(0)).toFloatArray();
            assertArrayEquals(a, a2);
            assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        }
    }
}
