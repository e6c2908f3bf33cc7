package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * k-nearest-neighbour manifold metrics between real features X (N) and generated features Y (M), with
 * B(x, r) the ball of radius r around x and NND_k(x) the distance from x to its k-th nearest neighbour in
 * its own set. Strict inequalities, as in the reference code of Naeem et al. (clovaai/generative-evaluation-prdc):
 *
 * <pre>
 * precision = 1/M sum_j 1[ exists i: |y_j - x_i| &lt; NND_k(x_i) ]                (Kynkäänniemi et al. 2019)
 * recall    = 1/N sum_i 1[ exists j: |x_i - y_j| &lt; NND_k(y_j) ]
 * density   = 1/(k M) sum_j sum_i 1[ |y_j - x_i| &lt; NND_k(x_i) ]              (Naeem et al. 2020)
 * coverage  = 1/N sum_i 1[ min_j |x_i - y_j| &lt; NND_k(x_i) ]
 * </pre>
 *
 * Precision: how much of the generated set lies on the real manifold; recall: how much of the real
 * manifold the generated set reaches; density counts how many real balls hold each sample (1 on average
 * for a sample set drawn like the real one); coverage is a recall that outliers in Y cannot inflate.
 *
 * @param precision in [0, 1]
 * @param recall in [0, 1]
 * @param density in [0, N/k]
 * @param coverage in [0, 1]
 * @param k the neighbourhood size (3 here, as recommended for precision/recall)
 */
public record Manifold(double precision, double recall, double density, double coverage, int k) {

    /** The default neighbourhood size: k = 3 (Kynkäänniemi et al. 2019). */
    public static final int DEFAULT_K = 3;

    public static Manifold of(Features real, Features fake, int k) {
        return of(real, radii(real, k), fake, k);
    }

    /** NND_k of every vector of a set: the radii of its k-NN balls. */
    public static double[] radii(Features set, int k) {
        try (Distances d = new Distances(set)) {
            return d.kthNearestSelf(k);
        }
    }

    /** With the real set's radii already computed ({@link #radii}; they depend on the real set only). */
    public static Manifold of(Features real, double[] realRadii, Features fake, int k) {
        int n = real.count();
        int m = fake.count();
        long[] ballsHolding = new long[m]; // for each sample: real balls that contain it
        int recalled = 0;
        int covered = 0;
        try (Distances fakeBase = new Distances(fake)) {
            double[] fakeRadii = fakeBase.kthNearestSelf(k);
            int rows = fakeBase.blockRows();
            float[] rr = toFloat(realRadii);
            float[] fr = toFloat(fakeRadii);
            for (int from = 0; from < n; from += rows) {
                int b = Math.min(rows, n - from);
                try (NDManager s = fakeBase.scope()) {
                    NDArray d = fakeBase.block(s, real.embeddings(), from, b); // (b, M): |x_i - y_j|
                    float[] rBlock = new float[b];
                    System.arraycopy(rr, from, rBlock, 0, b);
                    NDArray ri = s.create(rBlock).reshape(b, 1);
                    NDArray rj = s.create(fr).reshape(1, m);
                    NDArray inReal = d.lt(ri); // y_j inside B(x_i, NND_k(x_i))
                    long[] counts = inReal.toType(DataType.INT64, false).sum(new int[] {0}).toLongArray();
                    for (int j = 0; j < m; j++) {
                        ballsHolding[j] += counts[j];
                    }
                    // x_i inside some B(y_j, NND_k(y_j))
                    long[] rec = d.lt(rj).toType(DataType.INT64, false).sum(new int[] {1}).toLongArray();
                    float[] nearest = d.min(new int[] {1}).toFloatArray();
                    for (int i = 0; i < b; i++) {
                        recalled += rec[i] > 0 ? 1 : 0;
                        covered += nearest[i] < rBlock[i] ? 1 : 0;
                    }
                }
            }
        }
        int precise = 0;
        long total = 0;
        for (long c : ballsHolding) {
            precise += c > 0 ? 1 : 0;
            total += c;
        }
        return new Manifold((double) precise / m, (double) recalled / n, (double) total / ((double) k * m),
                (double) covered / n, k);
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
