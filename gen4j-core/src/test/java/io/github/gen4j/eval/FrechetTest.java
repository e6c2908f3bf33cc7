package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetTest {

    /** n rows of d features: correlated Gaussians through a random mixing matrix, ReLU'd, some dead units. */
    static float[] features(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] mix = new double[d][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = r.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double v = 0;
                for (int b = 0; b < d; b++) {
                    v += mix[a][b] * z[b];
                }
                x[i * d + a] = a % 7 == 3 ? 0f : (float) Math.max(0, v); // dead units: zero variance
            }
        }
        return x;
    }

    /** n rows from N(mean, diag(std^2)). */
    static float[] gaussian(int n, double[] mean, double[] std, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = mean.length;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (mean[j] + std[j] * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void fidOfASetWithItselfIsZero() {
        int d = 128;
        GaussianFit g = GaussianFit.of(features(3000, d, 1), 3000, d);
        double fid = Frechet.distance(g, g);
        double scale = 2 * Frechet.trace(g.cov());
        assertTrue(Math.abs(fid) <= 1e-6 * scale, "FID(x, x) = " + fid + " vs scale " + scale);
    }

    @Test
    void fidMatchesTheClosedFormForKnownGaussians() {
        int d = 8;
        double[] m1 = new double[d];
        double[] m2 = new double[d];
        double[] s1 = new double[d];
        double[] s2 = new double[d];
        double closed = 0;
        for (int j = 0; j < d; j++) {
            m1[j] = 0.1 * j;
            m2[j] = 0.1 * j + (j % 2 == 0 ? 0.5 : -0.3);
            s1[j] = 1 + 0.1 * j;
            s2[j] = 0.5 + 0.2 * j;
            // diagonal covariances commute: d^2 = |m1 - m2|^2 + sum (s1 - s2)^2
            closed += (m1[j] - m2[j]) * (m1[j] - m2[j]) + (s1[j] - s2[j]) * (s1[j] - s2[j]);
        }
        int n = 40_000;
        double fid = Frechet.distance(GaussianFit.of(gaussian(n, m1, s1, 2), n, d),
                GaussianFit.of(gaussian(n, m2, s2, 3), n, d));
        // sampling error of the moments: O(sqrt(d / n)) relative, about 1-2% here
        assertEquals(closed, fid, 0.04 * closed, "closed form " + closed + ", estimate " + fid);
    }

    @Test
    void traceTermMatchesTheTwoByTwoClosedForm() {
        // for 2x2 SPD A, B: tr sqrt(AB) = sqrt(tr(AB) + 2 sqrt(det A det B)) (Cayley-Hamilton), non-commuting here
        SplittableRandom r = new SplittableRandom(4);
        for (int t = 0; t < 20; t++) {
            double[][] a = spd2(r);
            double[][] b = spd2(r);
            double trAb = a[0][0] * b[0][0] + a[0][1] * b[1][0] + a[1][0] * b[0][1] + a[1][1] * b[1][1];
            double det = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) * (b[0][0] * b[1][1] - b[0][1] * b[1][0]);
            double expected = Math.sqrt(trAb + 2 * Math.sqrt(det));
            assertEquals(expected, Frechet.traceSqrtProduct(a, b), 1e-10 * expected);
        }
    }

    private static double[][] spd2(SplittableRandom r) {
        double p = r.nextGaussian();
        double q = r.nextGaussian();
        double s = r.nextGaussian();
        double u = r.nextGaussian();
        // M M^T + 0.1 I
        return new double[][] {{p * p + q * q + 0.1, p * s + q * u}, {p * s + q * u, s * s + u * u + 0.1}};
    }

    @Test
    void fidIsSymmetric() {
        int d = 32;
        GaussianFit a = GaussianFit.of(features(2000, d, 5), 2000, d);
        GaussianFit b = GaussianFit.of(features(2000, d, 6), 2000, d);
        double ab = Frechet.distance(a, b);
        double ba = Frechet.distance(b, a);
        assertTrue(ab > 1, "different sets must be apart: " + ab);
        // equal in exact arithmetic; eigenvalues near 0 (dead units) carry ~sqrt(eps) relative round-off
        assertEquals(ab, ba, 1e-6 * ab);
    }

    @Test
    void covarianceIsTheUnbiasedSampleCovariance() {
        float[] x = {1, 2, 3, 5, 5, 11}; // rows (1,2), (3,5), (5,11)
        GaussianFit g = GaussianFit.of(x, 3, 2);
        assertEquals(3, g.mean()[0], 1e-12);
        assertEquals(6, g.mean()[1], 1e-12);
        assertEquals(4, g.cov()[0][0], 1e-12); // ((−2)^2 + 0 + 2^2) / 2
        assertEquals(9, g.cov()[0][1], 1e-12); // ((−2)(−4) + 0 + 2*5) / 2
        assertEquals(21, g.cov()[1][1], 1e-12); // (16 + 1 + 25) / 2
    }

    /**
     * The feature covariance of 1,000 samples of a collapsed GAN (a VAE-pretrained GAN of the comparison,
     * seed 44, step 2,884): 78 of its 128 features are exactly zero for every sample, interleaved with the
     * others, and Commons Math's eigen-decomposition of it stops with "convergence failed". Stored as the
     * non-zero block's upper triangle and its positions.
     */
    static double[][] collapsedCovariance() throws java.io.IOException {
        try (var in = new java.io.DataInputStream(FrechetTest.class.getResourceAsStream("collapsed-gan-covariance.bin"))) {
            int d = in.readInt();
            int[] keep = new int[in.readInt()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = in.readInt();
            }
            double[][] c = new double[d][d];
            for (int i = 0; i < keep.length; i++) {
                for (int j = i; j < keep.length; j++) {
                    c[keep[i]][keep[j]] = in.readDouble();
                    c[keep[j]][keep[i]] = c[keep[i]][keep[j]];
                }
            }
            return c;
        }
    }

    @Test
    void aCovarianceWithManyDeadFeaturesStillGivesItsSquareRootAndFid() throws java.io.IOException {
        double[][] c = collapsedCovariance();
        int d = c.length;
        // for PSD C, tr((C C)^(1/2)) = tr(C)
        assertEquals(Frechet.trace(c), Frechet.traceSqrtProduct(c, c), 1e-9 * Frechet.trace(c));
        // the square root squares back to C, dead features included
        var root = Frechet.sqrtPsd(org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(c));
        var back = root.multiply(root);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(c[i][j], back.getEntry(i, j), 1e-9, i + "," + j);
            }
        }
        double[] zero = new double[d];
        GaussianFit g = new GaussianFit(zero, c, 1000);
        assertEquals(0, Frechet.distance(g, g), 1e-9 * Frechet.trace(c));
        // against 4C (same mean): tr((C 4C)^(1/2)) = 2 tr(C), so d^2 = tr(C) + 4 tr(C) - 2 * 2 tr(C) = tr(C)
        double[][] c4 = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c4[i][j] = 4 * c[i][j];
            }
        }
        assertEquals(Frechet.trace(c), Frechet.distance(g, new GaussianFit(zero, c4, 1000)), 1e-9 * Frechet.trace(c));
    }

    @Test
    void theSvdFallbackGivesTheEigenvaluesWithTheirSigns() {
        // Q diag(3, -1, 0.5, 0) Q^T for a rotation Q: symmetric, one negative eigenvalue, one zero
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        var q = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(new double[][] {
            {c, -s, 0, 0}, {s, c, 0, 0}, {0, 0, c, -s}, {0, 0, s, c}});
        var a = q.multiply(org.apache.commons.math3.linear.MatrixUtils.createRealDiagonalMatrix(
                new double[] {3, -1, 0.5, 0})).multiply(q.transpose());
        Frechet.Eigen e = Frechet.eigenBySvd(a);
        double[] sorted = e.values().clone();
        java.util.Arrays.sort(sorted);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-1, 0, 0.5, 3}, sorted, 1e-12);
        // V diag(values) V^T rebuilds A
        var v = e.vectors();
        var back = v.multiply(org.apache.commons.math3.linear.MatrixUtils.createRealDiagonalMatrix(e.values()))
                .multiply(v.transpose());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(a.getEntry(i, j), back.getEntry(i, j), 1e-12, i + "," + j);
            }
        }
    }
}
