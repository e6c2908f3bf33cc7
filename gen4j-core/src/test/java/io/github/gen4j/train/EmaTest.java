package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weight average (computed by the engine's fused SGD update) against its formula written out in double. */
class EmaTest {

    @Test
    void updateFollowsTheWarmedUpAverageAndSwapsBackAndForth() {
        double decay = 0.9;
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = AdamWTest.param(m, "a", new Shape(2, 3), 1f);
            Parameter b = AdamWTest.param(m, "b", new Shape(4), -2f);
            Ema ema = new Ema(decay, List.of(new Pair<>("a", a), new Pair<>("b", b)), m);
            double[] ea = filled(6, 1);
            double[] eb = filled(4, -2);
            float[][] wa = {{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {-1, -1, 7, 7, 0.5f, 2}};
            float[][] wb = {{1, 2, 3, 4}, {0, 0, 0, 0}, {-3, 9, 1e-3f, 100}};
            long[] steps = {0, 1, 1000}; // two warm-up values of d, then d = decay
            for (int t = 0; t < wa.length; t++) {
                m.create(wa[t], new Shape(2, 3)).copyTo(a.getArray());
                m.create(wb[t]).copyTo(b.getArray());
                ema.update(steps[t]);
                double d = Math.min(decay, (1.0 + steps[t]) / (10.0 + steps[t]));
                for (int i = 0; i < 6; i++) {
                    ea[i] = d * ea[i] + (1 - d) * wa[t][i];
                }
                for (int i = 0; i < 4; i++) {
                    eb[i] = d * eb[i] + (1 - d) * wb[t][i];
                }
            }
            float[] lastA = a.getArray().toFloatArray();
            float[] lastB = b.getArray().toFloatArray();
            assertArrayEquals(wa[2], lastA, 0f, "the update leaves the weights alone");
            ema.swapIn(m);
            assertClose(ea, a.getArray().toFloatArray(), "a");
            assertClose(eb, b.getArray().toFloatArray(), "b");
            assertThrows(IllegalStateException.class, () -> ema.swapIn(m));
            ema.swapOut(m);
            assertArrayEquals(lastA, a.getArray().toFloatArray(), 0f);
            assertArrayEquals(lastB, b.getArray().toFloatArray(), 0f);
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void assertClose(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * Math.max(1, Math.abs(want[i])), what + "[" + i + "]");
        }
    }
}
