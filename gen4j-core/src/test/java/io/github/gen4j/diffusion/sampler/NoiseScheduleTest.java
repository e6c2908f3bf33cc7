package io.github.gen4j.diffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoiseScheduleTest {

    @ParameterizedTest
    @EnumSource(NoiseSchedule.Kind.class)
    void alphaBarIsStrictlyDecreasingFromAboutOneToAboutZero(NoiseSchedule.Kind kind) {
        NoiseSchedule s = NoiseSchedule.of(kind, 1000);
        double[] ab = s.alphaBars();
        assertEquals(1000, ab.length);
        for (int i = 1; i < ab.length; i++) {
            assertTrue(ab[i] < ab[i - 1], "abar must fall at " + i);
            assertTrue(s.beta(i) > 0 && s.beta(i) < 1);
        }
        assertTrue(ab[0] > 0.999 && ab[0] < 1, "abar_1 " + ab[0]);
        assertTrue(ab[999] < 1e-3 && ab[999] > 0, "abar_T " + ab[999]);
        assertEquals(1.0, s.alphaBar(-1)); // "clean" level used by the samplers' last step
        assertTrue(s.lambda(0) > s.lambda(999));
    }

    @Test
    void linearEndpointsAreThoseOfHoEtAl() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertEquals(1e-4, s.beta(0), 1e-12);
        assertEquals(0.02, s.beta(999), 1e-12);
        assertEquals(1 - 1e-4, s.alphaBar(0), 1e-12);
        // scaled for other T: abar_T stays small
        assertTrue(NoiseSchedule.linear(100).alphaBar(99) < 1e-3);
    }

    @Test
    void spacedTimestepsAreDistinctDescendingAndCoverBothEnds() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertArrayEquals(new int[] {999, 500, 0}, s.spacedTimesteps(3));
        for (int steps : new int[] {1, 2, 10, 37, 1000, 5000}) {
            int[] t = s.spacedTimesteps(steps);
            assertEquals(Math.min(steps, 1000), t.length);
            assertEquals(999, t[0]);
            for (int k = 1; k < t.length; k++) {
                assertTrue(t[k] < t[k - 1]);
            }
            assertEquals(steps == 1 ? 999 : 0, t[t.length - 1]);
        }
        assertArrayEquals(new int[] {40, 20, 0}, s.spacedTimesteps(40, 3));
    }

    @Test
    void timestepForNoiseInvertsTheNoiseToSignalRatio() {
        NoiseSchedule s = NoiseSchedule.cosine(1000);
        int t = s.timestepForNoise(0.5);
        assertEquals(0.5, Math.sqrt((1 - s.alphaBar(t)) / s.alphaBar(t)), 0.01);
    }

    @ParameterizedTest
    @EnumSource(NoiseSchedule.Kind.class)
    void closedFormForwardProcessMatchesTheStepByStepChain(NoiseSchedule.Kind kind) {
        NoiseSchedule s = NoiseSchedule.of(kind, 1000);
        int n = 20000;
        double x0 = 0.7;
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            NDArray x = m.full(new Shape(n), (float) x0);
            for (int i = 0; i < 1000; i++) {
                // q(x_i | x_{i-1}) = N(sqrt(1 - beta_i) x_{i-1}, beta_i)
                x.muli((float) Math.sqrt(1 - s.beta(i))).addi(m.randomNormal(new Shape(n)).muli((float) Math.sqrt(s.beta(i))));
                if (i == 9 || i == 299 || i == 999) {
                    double mean = x.mean().getFloat();
                    double std = Math.sqrt(x.sub(mean).square().mean().getFloat());
                    assertEquals(Math.sqrt(s.alphaBar(i)) * x0, mean, 0.02, "mean at " + i);
                    assertEquals(Math.sqrt(1 - s.alphaBar(i)), std, 0.02, "std at " + i);
                }
            }
        }
    }

    @Test
    void deviceTablesGiveTheClosedFormPerImage() {
        NoiseSchedule s = NoiseSchedule.cosine(50);
        try (NDManager m = NDManager.newBaseManager()) {
            ScheduleTables tables = s.onDevice(m);
            int[] t = {0, 17, 49};
            NDArray x0 = m.ones(new Shape(3, 1, 2, 2)).mul(0.5f);
            NDArray eps = m.ones(new Shape(3, 1, 2, 2));
            float[] xt = tables.addNoise(x0, eps, m.create(t)).toFloatArray();
            float[] w = tables.vlbWeight(m.create(t)).toFloatArray();
            double[][] wc = s.vlbWeights();
            for (int i = 0; i < 3; i++) {
                double expect = 0.5 * Math.sqrt(s.alphaBar(t[i])) + Math.sqrt(1 - s.alphaBar(t[i]));
                assertEquals(expect, xt[4 * i], 1e-5);
                assertEquals(wc[0][t[i]], w[i], 1e-3 * wc[0][t[i]]);
            }
        }
    }
}
