package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToyDistributionTest {

    @Test
    void ringSamplesCoverEveryModeAndAreSeeded() {
        RingOfGaussians ring = RingOfGaussians.eight();
        float[] a = ring.sample(4000, new SplittableRandom(1));
        assertArrayEquals(a, ring.sample(4000, new SplittableRandom(1)));
        ToyModeCoverage c = ToyModeCoverage.of(ring, a);
        assertEquals(8, c.covered());
        assertTrue(c.highQuality() > 0.98, "P(|N(0, I_2)| <= 3) = 1 - e^-4.5 = 0.989: " + c.highQuality());
        assertEquals(2.0, Math.hypot(ring.modes().get(3).x(), ring.modes().get(3).y()), 1e-12);
    }

    @Test
    void collapsedSamplesCoverOneMode() {
        RingOfGaussians ring = RingOfGaussians.eight();
        float[] pts = new float[2000];
        for (int i = 0; i < pts.length; i += 2) {
            pts[i] = 2.0f + (i % 7) * 0.01f; // all near the mode at angle 0
            pts[i + 1] = 0.01f;
        }
        ToyModeCoverage c = ToyModeCoverage.of(ring, pts);
        assertEquals(1, c.covered());
        assertEquals(1000, c.perMode()[0]);
        assertTrue(c.isCovered(0) && !c.isCovered(1));
        // points between two modes are no mode's
        assertEquals(0, ToyModeCoverage.of(ring, new float[] {0f, 0f, 2.0f, 0.9f}).covered());
        assertThrows(IllegalArgumentException.class, () -> new RingOfGaussians(8, 2, 0));
    }

    @Test
    void twoMoonsHaveTheirAnalyticMoments() {
        TwoMoons moons = TwoMoons.standard();
        int n = 200_000;
        float[] p = moons.sample(n, new SplittableRandom(7));
        double[] mean = new double[2];
        double[] sq = new double[2];
        int upper = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 2; d++) {
                mean[d] += p[2 * i + d];
                sq[d] += (double) p[2 * i + d] * p[2 * i + d];
            }
            upper += p[2 * i + 1] > 0 ? 1 : 0;
        }
        double s2 = moons.scale() * moons.scale();
        double nz = moons.noise() * moons.noise();
        double varX = s2 * (0.5 + 0.25 + nz);
        double varY = s2 * (0.5 - 4 / (Math.PI * Math.PI) + Math.pow(2 / Math.PI - 0.25, 2) + nz);
        assertEquals(0, mean[0] / n, 0.01);
        assertEquals(0, mean[1] / n, 0.01);
        assertEquals(varX, sq[0] / n - Math.pow(mean[0] / n, 2), 0.02 * varX);
        assertEquals(varY, sq[1] / n - Math.pow(mean[1] / n, 2), 0.02 * varY);
        assertTrue(upper > 0.4 * n && upper < 0.6 * n, "the moons straddle y = 0: " + upper);
        assertTrue(moons.modes().isEmpty());
        assertEquals(0, ToyModeCoverage.of(moons, p).covered());
        assertArrayEquals(p, moons.sample(n, new SplittableRandom(7)));
    }

    @Test
    void distributionsByName() {
        assertEquals("ring8", ToyDistribution.parse("ring").name());
        assertEquals("moons", ToyDistribution.parse(" Moons ").name());
        assertEquals("ring", ToyDistribution.cliName(RingOfGaussians.eight()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyDistribution.parse("swiss"));
        assertTrue(e.getMessage().startsWith("--dist"), e.getMessage());
    }
}
