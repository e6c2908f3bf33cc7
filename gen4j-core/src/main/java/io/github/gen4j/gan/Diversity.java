package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;

/**
 * The mode-collapse signal: the mean pairwise Euclidean distance within a batch of samples. A collapsed
 * generator draws near-copies, so the distance of a fixed batch of its samples falls far below that of
 * real images; the ratio fake / real (about 1 for a healthy model) is logged at every evaluation.
 */
public final class Diversity {

    private Diversity() {}

    /**
     * Mean over pairs i != j of ||x_i - x_j||_2 for x (N, ...), N >= 2, using the Gram matrix:
     * ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b (clamped at 0 against rounding).
     */
    public static double meanPairwiseDistance(NDArray x) {
        long n = x.getShape().get(0);
        if (n < 2) {
            throw new IllegalArgumentException("diversity needs at least 2 samples, got " + n);
        }
        NDArray flat = x.reshape(n, -1); // (N, D)
        NDArray sq = flat.square().sum(new int[] {1}); // (N)
        NDArray d2 = sq.reshape(n, 1).add(sq.reshape(1, n)).sub(flat.matMul(flat.transpose()).mul(2f)); // (N, N)
        NDArray d = d2.maximum(0f).sqrt();
        // pairs i != j only: the diagonal is 0 up to rounding, leave it out exactly
        float[] values = d.toFloatArray();
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    total += values[(int) (i * n + j)];
                }
            }
        }
        return total / (n * (n - 1.0));
    }
}
