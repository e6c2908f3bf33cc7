package io.github.gen4j.eval;

/**
 * Mean and covariance of a set of feature vectors: the Gaussian that FID compares.
 *
 * @param mean (d) sample mean
 * @param cov (d, d) unbiased sample covariance, divided by n - 1 (as {@code numpy.cov(rowvar=False)} in
 *     the reference FID implementations)
 * @param count number of vectors n
 */
public record GaussianFit(double[] mean, double[][] cov, int count) {

    /** Fits n = count rows of dimension dim, given row-major in {@code x}. */
    public static GaussianFit of(float[] x, int count, int dim) {
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + count);
        }
        double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= count;
        }
        // cov = (X - mu)^T (X - mu) / (n - 1), accumulated on the upper triangle, centred rows in double
        double[][] cov = new double[dim][dim];
        double[] r = new double[dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                r[j] = x[i * dim + j] - mean[j];
            }
            for (int a = 0; a < dim; a++) {
                double ra = r[a];
                if (ra == 0) {
                    continue;
                }
                double[] row = cov[a];
                for (int b = a; b < dim; b++) {
                    row[b] += ra * r[b];
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                cov[a][b] /= count - 1;
                cov[b][a] = cov[a][b];
            }
        }
        return new GaussianFit(mean, cov, count);
    }

    public static GaussianFit of(Features f) {
        return of(f.embeddings(), f.count(), f.dim());
    }

    public int dim() {
        return mean.length;
    }
}
