package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KidTest {

    static Features f(float[] x, int n, int d) {
        return new Features("test", n, d, x, null, 0);
    }

    @Test
    void matchesTheUnbiasedEstimatorComputedByHand() {
        int n = 40;
        int d = 6;
        float[] x = FrechetTest.features(n, d, 7);
        float[] y = FrechetTest.features(n, d, 8);
        // one subset of the whole sets: no randomness left
        Kid kid = Kid.of(f(x, n, d), f(y, n, d), 1, n, 0);
        double kxx = 0;
        double kyy = 0;
        double kxy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    kxx += k(x, i, x, j, d);
                    kyy += k(y, i, y, j, d);
                }
                kxy += k(x, i, y, j, d);
            }
        }
        double expected = (kxx + kyy) / (n * (n - 1.0)) - 2 * kxy / ((double) n * n);
        assertEquals(expected, kid.mean(), 1e-9 * Math.abs(expected) + 1e-12);
        assertEquals(0, kid.std(), 0);
    }

    private static double k(float[] a, int i, float[] b, int j, int d) {
        double dot = 0;
        for (int t = 0; t < d; t++) {
            dot += (double) a[i * d + t] * b[j * d + t];
        }
        return Math.pow(dot / d + 1, 3);
    }

    @Test
    void identicalDistributionsHaveKidNearZero() {
        int n = 2000;
        int d = 16;
        double[] m = new double[d];
        double[] s = new double[d];
        java.util.Arrays.fill(s, 1);
        double[] shifted = new double[d];
        java.util.Arrays.fill(shifted, 0.5);
        Features a = f(FrechetTest.gaussian(n, m, s, 1), n, d);
        Features b = f(FrechetTest.gaussian(n, m, s, 2), n, d);
        Features c = f(FrechetTest.gaussian(n, shifted, s, 3), n, d);
        Kid same = Kid.of(a, b, 20, 500, 42);
        Kid self = Kid.of(a, a, 20, 500, 42);
        Kid apart = Kid.of(a, c, 20, 500, 42);
        assertTrue(apart.mean() > 0.05, "shifted sets: " + apart);
        // unbiased: the mean over subsets is within a few standard errors of 0
        assertTrue(Math.abs(same.mean()) < 4 * same.std() / Math.sqrt(20) + 1e-4, "same distribution: " + same);
        // subsets of one set overlap, and k(x, x) in the cross term pulls the estimate slightly below 0
        assertTrue(Math.abs(self.mean()) < 0.05 * apart.mean(), "same set: " + self + " vs " + apart);
        assertTrue(Math.abs(same.mean()) < 0.02 * apart.mean(), same + " vs " + apart);
    }
}
