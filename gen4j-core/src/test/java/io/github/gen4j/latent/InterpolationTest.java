package io.github.gen4j.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static float[] gaussian(int d, long seed) {
        Random r = new Random(seed);
        float[] z = new float[d];
        for (int i = 0; i < d; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    private static double norm(float[] path, int row, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += path[row * d + i] * path[row * d + i];
        }
        return Math.sqrt(s);
    }

    @Test
    void slerpKeepsTheNormOfEqualNormEndpointsAndLerpShrinksIt() {
        int d = 64;
        float[] a = gaussian(d, 1);
        float[] b = gaussian(d, 2);
        double na = Interpolation.norm(Interpolation.toDouble(a));
        double nb = Interpolation.norm(Interpolation.toDouble(b));
        for (int i = 0; i < d; i++) {
            b[i] = (float) (b[i] * na / nb); // same norm as a
        }
        int steps = 9;
        float[] s = Interpolation.SLERP.path(a, b, steps);
        float[] l = Interpolation.LERP.path(a, b, steps);
        for (int k = 0; k < steps; k++) {
            assertEquals(na, norm(s, k, d), 1e-4 * na, "slerp frame " + k);
        }
        // two independent Gaussians are nearly orthogonal: the lerp midpoint has norm about |a| / sqrt(2)
        double mid = norm(l, steps / 2, d);
        assertTrue(mid < 0.85 * na, "lerp midpoint norm " + mid + " vs " + na);
    }

    @Test
    void slerpMovesTheNormLinearlyBetweenUnequalNorms() {
        float[] a = gaussian(16, 3);
        float[] b = gaussian(16, 4);
        for (int i = 0; i < b.length; i++) {
            b[i] *= 3;
        }
        double na = Interpolation.norm(Interpolation.toDouble(a));
        double nb = Interpolation.norm(Interpolation.toDouble(b));
        float[] s = Interpolation.SLERP.path(a, b, 5);
        for (int k = 0; k < 5; k++) {
            double t = k / 4.0;
            assertEquals((1 - t) * na + t * nb, norm(s, k, 16), 1e-4 * nb);
        }
    }

    @Test
    void endpointsAreExactAndStepsAreEvenForLerp() {
        float[] a = {1, 2, 3};
        float[] b = {-1, 0, 7};
        for (Interpolation mode : Interpolation.values()) {
            float[] p = mode.path(a, b, 4);
            assertArrayEquals(a, java.util.Arrays.copyOfRange(p, 0, 3));
            assertArrayEquals(b, java.util.Arrays.copyOfRange(p, 9, 12));
        }
        float[] p = Interpolation.LERP.path(a, b, 3);
        assertArrayEquals(new float[] {0, 1, 5}, java.util.Arrays.copyOfRange(p, 3, 6), 1e-6f);
    }

    @Test
    void slerpFollowsTheGreatCircleAtConstantAngularSpeed() {
        double[] x = {1, 0};
        double[] y = {0, 1};
        double[] mid = Interpolation.SLERP.at(x, y, 1 / 3.0);
        assertEquals(Math.cos(Math.PI / 6), mid[0], 1e-12); // 30 degrees of 90
        assertEquals(Math.sin(Math.PI / 6), mid[1], 1e-12);
    }

    @Test
    void badInputGivesOneLine() {
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LERP.path(new float[2], new float[2], 1));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.SLERP.at(new double[2], new double[3], 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Interpolation.parse("cubic", "--mode"));
        assertEquals("--mode: 'cubic' is not lerp or slerp", e.getMessage());
        assertEquals(Interpolation.SLERP, Interpolation.parse("SLerp", "--mode"));
    }
}
