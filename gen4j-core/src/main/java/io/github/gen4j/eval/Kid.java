package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import java.util.SplittableRandom;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimator of the squared maximum mean
 * discrepancy with the cubic polynomial kernel k(x, y) = (x.y / d + 1)^3, averaged over random subsets:
 *
 * <pre>
 * MMD_u^2 = 1/(m(m-1)) sum_{i != j} k(x_i, x_j) + 1/(m(m-1)) sum_{i != j} k(y_i, y_j) - 2/m^2 sum_{i,j} k(x_i, y_j)
 * </pre>
 *
 * with m = subset size, each subset drawn without replacement, as in the reference implementations
 * (TTUR / torch-fidelity: 100 subsets of 1,000). Unbiased, so it can be slightly negative and is near 0
 * for two samples of one distribution. Kernel sums in float64.
 *
 * @param mean mean of MMD_u^2 over subsets
 * @param std standard deviation over subsets (population, as numpy.std)
 * @param subsets number of subsets
 * @param subsetSize m
 */
public record Kid(double mean, double std, int subsets, int subsetSize) {

    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    /** KID between x and y with {@code subsets} subsets of min(subsetSize, |x|, |y|), seeded. */
    public static Kid of(Features x, Features y, int subsets, int subsetSize, long seed) {
        if (x.dim() != y.dim()) {
            throw new IllegalArgumentException("feature dimensions differ: " + x.dim() + " vs " + y.dim());
        }
        int m = Math.min(subsetSize, Math.min(x.count(), y.count()));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs at least 2 vectors per set");
        }
        int d = x.dim();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[subsets];
        try (NDManager root = NDManager.newBaseManager(Gen4j.engine().defaultDevice())) {
            for (int s = 0; s < subsets; s++) {
                Features xsub = x.subset(choose(x.count(), m, rng));
                Features ysub = y.subset(choose(y.count(), m, rng));
                try (NDManager t = root.newSubManager()) {
                    NDArray xs = t.create(xsub.embeddings(), new Shape(m, d)).toType(DataType.FLOAT64, false);
                    NDArray ys = t.create(ysub.embeddings(), new Shape(m, d)).toType(DataType.FLOAT64, false);
                    double kxx = kernel(xs, xs, d).sum().getDouble() - diagonalSum(xs, d);
                    double kyy = kernel(ys, ys, d).sum().getDouble() - diagonalSum(ys, d);
                    double kxy = kernel(xs, ys, d).sum().getDouble();
                    values[s] = (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
                }
            }
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Kid(mean, Math.sqrt(var / subsets), subsets, m);
    }

    /** (a b^T / d + 1)^3: (m, m) float64. */
    private static NDArray kernel(NDArray a, NDArray b, int d) {
        return a.matMul(b.transpose()).div(d).add(1).pow(3);
    }

    /** The trace of k(a, a): sum_i (|a_i|^2 / d + 1)^3. */
    private static double diagonalSum(NDArray a, int d) {
        return a.square().sum(new int[] {1}).div(d).add(1).pow(3).sum().getDouble();
    }

    /** m distinct indices from 0..n-1 (partial Fisher-Yates). */
    static int[] choose(int n, int m, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, m);
    }
}
