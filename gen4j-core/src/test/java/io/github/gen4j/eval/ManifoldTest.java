package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ManifoldTest {

    @Test
    void identicalSetsHavePrecisionAndRecallOne() {
        int n = 600;
        int d = 16;
        Features a = KidTest.f(FrechetTest.features(n, d, 1), n, d);
        Manifold m = Manifold.of(a, a, 3);
        assertEquals(1.0, m.precision(), 0);
        assertEquals(1.0, m.recall(), 0);
        assertEquals(1.0, m.coverage(), 0);
        assertTrue(m.density() > 0.9, "density " + m.density());
    }

    @Test
    void farApartSetsHavePrecisionAndRecallNearZero() {
        int n = 500;
        int d = 8;
        double[] zero = new double[d];
        double[] far = new double[d];
        double[] one = new double[d];
        Arrays.fill(far, 20);
        Arrays.fill(one, 1);
        Features a = KidTest.f(FrechetTest.gaussian(n, zero, one, 1), n, d);
        Features b = KidTest.f(FrechetTest.gaussian(n, far, one, 2), n, d);
        Manifold m = Manifold.of(a, b, 3);
        assertTrue(m.precision() < 0.01 && m.recall() < 0.01, m.toString());
        assertTrue(m.density() < 0.01 && m.coverage() < 0.01, m.toString());
    }

    @Test
    void matchesABruteForceImplementationOfTheDefinitions() {
        int n = 150;
        int m = 120;
        int d = 5;
        int k = 3;
        float[] x = FrechetTest.features(n, d, 3);
        float[] y = FrechetTest.features(m, d, 4);
        for (int i = 0; i < y.length; i++) {
            y[i] *= 1.3f; // a different spread: neither 0 nor 1
        }
        Manifold got = Manifold.of(KidTest.f(x, n, d), KidTest.f(y, m, d), k);
        double[] rx = radii(x, n, d, k);
        double[] ry = radii(y, m, d, k);
        int precise = 0;
        long inBalls = 0;
        for (int j = 0; j < m; j++) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                c += dist(y, j, x, i, d) < rx[i] ? 1 : 0;
            }
            precise += c > 0 ? 1 : 0;
            inBalls += c;
        }
        int recalled = 0;
        int covered = 0;
        for (int i = 0; i < n; i++) {
            boolean r = false;
            double min = Double.MAX_VALUE;
            for (int j = 0; j < m; j++) {
                r |= dist(x, i, y, j, d) < ry[j];
                min = Math.min(min, dist(x, i, y, j, d));
            }
            recalled += r ? 1 : 0;
            covered += min < rx[i] ? 1 : 0;
        }
        // float32 distances in the library vs double here: allow one borderline point either way
        assertEquals((double) precise / m, got.precision(), 1.01 / m);
        assertEquals((double) recalled / n, got.recall(), 1.01 / n);
        assertEquals((double) inBalls / (k * m), got.density(), 2.01 / (k * m));
        assertEquals((double) covered / n, got.coverage(), 1.01 / n);
        assertTrue(got.precision() > 0.2 && got.precision() < 1, got.toString());
    }

    private static double[] radii(float[] a, int n, int d, int k) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double[] ds = new double[n];
            for (int j = 0; j < n; j++) {
                ds[j] = dist(a, i, a, j, d);
            }
            Arrays.sort(ds);
            r[i] = ds[k]; // ds[0] = 0 is the point itself
        }
        return r;
    }

    static double dist(float[] a, int i, float[] b, int j, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = (double) a[i * d + t] - b[j * d + t];
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
