package io.github.gen4j.toy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Distances between a model's 2D samples and held-out data, computed on the host in double precision.
 * Points are flat arrays (x0, y0, x1, y1, ...). A non-finite sample makes the energy distance NaN and
 * gets no kernel mass in the KDE.
 */
public final class ToyMetrics {

    private ToyMetrics() {}

    /**
     * The energy distance (Szekely & Rizzo 2013) between the empirical distributions of a and b,
     *
     * <pre>
     * E(a, b) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|,   X, X' ~ a,  Y, Y' ~ b  (Euclidean norm)
     * </pre>
     * (V-statistic: the pairs i = j are included in the within-set means). It is >= 0, and 0 exactly
     * when the two distributions are equal; here, in the plane's units. O(n m) time.
     */
    public static double energyDistance(float[] a, float[] b) {
        double ab = meanDistance(a, b);
        double aa = meanDistance(a, a);
        double bb = meanDistance(b, b);
        return 2 * ab - aa - bb;
    }

    private static double meanDistance(float[] a, float[] b) {
        int n = a.length / 2;
        int m = b.length / 2;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ax = a[2 * i];
            double ay = a[2 * i + 1];
            for (int j = 0; j < m; j++) {
                double dx = ax - b[2 * j];
                double dy = ay - b[2 * j + 1];
                s += Math.sqrt(dx * dx + dy * dy);
            }
        }
        return s / ((double) n * m);
    }

    /**
     * Scott's rule bandwidth for a 2D Gaussian kernel density estimate from n points: h = sigma n^(-1/6)
     * (d = 2: n^(-1/(d + 4))), sigma the mean of the two coordinates' standard deviations.
     */
    public static double scottBandwidth(float[] points) {
        int n = points.length / 2;
        double[] mean = new double[2];
        double[] sq = new double[2];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 2; d++) {
                mean[d] += points[2 * i + d];
                sq[d] += (double) points[2 * i + d] * points[2 * i + d];
            }
        }
        double sigma = 0;
        for (int d = 0; d < 2; d++) {
            double mu = mean[d] / n;
            sigma += Math.sqrt(Math.max(0, sq[d] / n - mu * mu)) / 2;
        }
        return Math.max(sigma, 1e-3) * Math.pow(n, -1.0 / 6);
    }

    /**
     * Mean log-density of {@code heldOut} under a Gaussian KDE built from {@code samples} with bandwidth h:
     * p(x) = 1/n sum_i N(x; s_i, h^2 I) (Parzen window; the toy-GAN literature's "log-likelihood" of held-out
     * data). In nats per point; higher is better. Each point's sum is taken with log-sum-exp.
     */
    public static double kdeLogLikelihood(float[] samples, float[] heldOut, double h) {
        int n = samples.length / 2;
        int m = heldOut.length / 2;
        double logNorm = -Math.log(2 * Math.PI * h * h) - Math.log(n); // log (1 / (n 2 pi h^2))
        double total = 0;
        double[] e = new double[n];
        for (int j = 0; j < m; j++) {
            double x = heldOut[2 * j];
            double y = heldOut[2 * j + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double dx = x - samples[2 * i];
                double dy = y - samples[2 * i + 1];
                e[i] = -(dx * dx + dy * dy) / (2 * h * h);
                if (Double.isNaN(e[i])) {
                    e[i] = Double.NEGATIVE_INFINITY;
                }
                if (e[i] > max) {
                    max = e[i];
                }
            }
            if (!Double.isFinite(max)) {
                return Double.NEGATIVE_INFINITY;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.exp(e[i] - max);
            }
            total += max + Math.log(s) + logNorm;
        }
        return total / m;
    }

    /**
     * The sample metrics of the toy section: {@code energy_distance} and {@code kde_loglik} of
     * {@code samples} against {@code heldOut}, the same for {@code fresh} data in place of the samples
     * ({@code energy_distance_data}, {@code kde_loglik_data}: what a perfect model would score), the count
     * of non-finite samples, and for a distribution with modes {@code modes_covered}, {@code modes} and
     * {@code high_quality}. Both KDEs use the bandwidth of the data (Scott's rule on {@code fresh}), so a
     * model is not rewarded for spreading its samples.
     */
    public static Map<String, Double> scores(ToyDistribution dist, float[] samples, float[] heldOut, float[] fresh) {
        Map<String, Double> m = new LinkedHashMap<>();
        float[] finite = finite(samples);
        m.put("nonfinite_samples", (double) (samples.length - finite.length) / 2);
        double h = scottBandwidth(fresh);
        m.put("energy_distance", finite.length == 0 ? Double.NaN : energyDistance(finite, heldOut));
        m.put("energy_distance_data", energyDistance(fresh, heldOut));
        m.put("kde_loglik", finite.length == 0 ? Double.NaN : kdeLogLikelihood(finite, heldOut, h));
        m.put("kde_loglik_data", kdeLogLikelihood(fresh, heldOut, h));
        m.put("kde_bandwidth", h);
        if (!dist.modes().isEmpty()) {
            ToyModeCoverage c = ToyModeCoverage.of(dist, samples);
            m.put("modes_covered", (double) c.covered());
            m.put("modes", (double) c.modes());
            m.put("high_quality", c.highQuality());
        }
        return m;
    }

    /** The points of xy whose both coordinates are finite. */
    static float[] finite(float[] xy) {
        float[] out = new float[xy.length];
        int n = 0;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                out[n++] = xy[i];
                out[n++] = xy[i + 1];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
