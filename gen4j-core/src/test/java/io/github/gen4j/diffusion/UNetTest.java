package io.github.gen4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetTest {

    static DiffusionConfig tiny(int c, int size, List<Integer> widths, int classes) {
        return new DiffusionConfig(c, size, widths, 1, true, 2, 0.1, 4, 100, NoiseSchedule.Kind.LINEAR,
                DiffusionConfig.Prediction.EPSILON, classes, 0.2);
    }

    @ParameterizedTest
    @CsvSource({"1, 28, 8;16;16, 0", "3, 32, 8;16;16, 0", "3, 64, 8;16;16;16, 0", "1, 28, 8;16;16, 10"})
    void outputHasTheInputShapeForEverySize(int c, int size, String widths, int classes) {
        List<Integer> w = java.util.Arrays.stream(widths.split(";")).map(Integer::parseInt).toList();
        DiffusionConfig cfg = tiny(c, size, w, classes);
        assertEquals(size >> (w.size() - 1), cfg.lowestSize()); // 7 for 28x28, 8 for 32 and 64
        try (NDManager m = NDManager.newBaseManager()) {
            UNet unet = new UNet(cfg);
            unet.initialize(m);
            NDArray x = m.randomNormal(new Shape(2, c, size, size));
            NDArray t = m.create(new float[] {0f, 99f});
            NDArray labels = classes > 0 ? m.create(new int[] {3, classes}) : null;
            NDArray out = unet.predict(new ParameterStore(m, false), x, t, labels, false);
            assertEquals(x.getShape(), out.getShape());
            assertTrue(Float.isFinite(out.sum().getFloat()));
        }
    }

    @Test
    void theDefaultsFitTheDocumentedSizes() {
        assertEquals(7, DiffusionConfig.defaults(1, 28).lowestSize());
        assertEquals(8, DiffusionConfig.defaults(3, 32).lowestSize());
        assertEquals(8, DiffusionConfig.defaults(3, 64).lowestSize());
        assertThrows(IllegalArgumentException.class, () -> tiny(1, 30, List.of(8, 16, 16), 0)); // 30 / 4
    }

    @Test
    void theDefaultAt28x28IsTheUNetThatParityAndCompareMeasured() {
        // 24, 48, 48 since bench/results/size-sweep-10m-flow-diffusion; 589,417 parameters is the count that the
        // reference DDPM of bench/parity.py --diffusion-widths 24,48,48 has too (bench/results/parity-diffusion-500-w24)
        DiffusionConfig cfg = DiffusionConfig.defaults(1, 28);
        assertEquals(List.of(24, 48, 48), cfg.widths());
        assertEquals(List.of(32, 64, 64), DiffusionConfig.defaults(3, 32).widths());
        try (NDManager m = NDManager.newBaseManager()) {
            UNet unet = new UNet(cfg);
            unet.initialize(m);
            long n = unet.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertEquals(589_417, n);
        }
    }

    @Test
    void theOutputDependsOnTheTimestepAndTheClass() {
        DiffusionConfig cfg = tiny(1, 28, List.of(8, 16, 16), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            UNet unet = new UNet(cfg);
            unet.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(1, 1, 28, 28));
            NDArray a = unet.predict(ps, x, m.create(new float[] {5f}), m.create(new int[] {0}), false);
            NDArray b = unet.predict(ps, x, m.create(new float[] {80f}), m.create(new int[] {0}), false);
            NDArray c = unet.predict(ps, x, m.create(new float[] {5f}), m.create(new int[] {3}), false);
            assertTrue(a.sub(b).abs().max().getFloat() > 1e-4);
            assertTrue(a.sub(c).abs().max().getFloat() > 1e-4);
        }
    }
}
