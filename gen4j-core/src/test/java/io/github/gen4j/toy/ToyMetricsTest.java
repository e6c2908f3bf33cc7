package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToyMetricsTest {

    static float[] gaussian(int n, double mx, double my, double s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = (float) (mx + s * r.nextGaussian());
            p[2 * i + 1] = (float) (my + s * r.nextGaussian());
        }
        return p;
    }

    @Test
    void energyDistanceIsZeroForTheSameSetAndGrowsWithAShift() {
        float[] a = gaussian(800, 0, 0, 1, 1);
        assertEquals(0, ToyMetrics.energyDistance(a, a), 1e-12);
        double same = ToyMetrics.energyDistance(a, gaussian(800, 0, 0, 1, 2));
        double near = ToyMetrics.energyDistance(a, gaussian(800, 0.5, 0, 1, 2));
        double far = ToyMetrics.energyDistance(a, gaussian(800, 2, 0, 1, 2));
        assertTrue(same < 0.02 && same < near && near < far, same + " " + near + " " + far);
        // a shift by d >> spread: 2E|X - Y| - E|X - X'| - E|Y - Y'| -> 2 d - 2 E|X - X'| (E|X - X'| = sqrt(pi) s)
        double d = 50;
        assertEquals(2 * d - 2 * Math.sqrt(Math.PI), ToyMetrics.energyDistance(a, gaussian(800, d, 0, 1, 3)), 0.2);
    }

    @Test
    void kdeLogLikelihoodOfGaussianDataMatchesTheSmoothedDensity() {
        // a KDE of N(0, I) samples with bandwidth h is about N(0, (1 + h^2) I); the expected log-density of
        // N(0, I) data under it is -log(2 pi (1 + h^2)) - 1 / (1 + h^2)
        float[] samples = gaussian(4000, 0, 0, 1, 4);
        float[] heldOut = gaussian(2000, 0, 0, 1, 5);
        double h = ToyMetrics.scottBandwidth(samples);
        assertEquals(Math.pow(4000, -1.0 / 6), h, 0.03);
        double expected = -Math.log(2 * Math.PI * (1 + h * h)) - 1 / (1 + h * h);
        assertEquals(expected, ToyMetrics.kdeLogLikelihood(samples, heldOut, h), 0.06);
        float[] shifted = gaussian(4000, 1.5, 0, 1, 6);
        assertTrue(ToyMetrics.kdeLogLikelihood(shifted, heldOut, h) < expected - 0.5);
    }

    @Test
    void scoresNameEveryMetricAndCountModesOnlyForTheRing() {
        RingOfGaussians ring = RingOfGaussians.eight();
        float[] data = ring.sample(500, new SplittableRandom(1));
        float[] held = ring.sample(500, new SplittableRandom(2));
        float[] samples = ring.sample(500, new SplittableRandom(3));
        samples[0] = Float.NaN;
        Map<String, Double> m = ToyMetrics.scores(ring, samples, held, data);
        assertEquals(1, m.get("nonfinite_samples"));
        assertEquals(8, m.get("modes_covered"));
        assertTrue(Double.isFinite(m.get("energy_distance")) && Double.isFinite(m.get("kde_loglik")), m.toString());
        assertEquals(m.get("kde_loglik_data"), m.get("kde_loglik"), 0.2); // samples from the data distribution
        Map<String, Double> moons = ToyMetrics.scores(TwoMoons.standard(), samples, held, data);
        assertTrue(!moons.containsKey("modes_covered"));
    }
}
