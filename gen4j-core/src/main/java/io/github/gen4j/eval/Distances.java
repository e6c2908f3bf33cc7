package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;

/**
 * Euclidean distances between sets of feature vectors, computed block by block with the engine's matrix
 * product: ||x - y||^2 = ||x||^2 + ||y||^2 - 2 x.y, clamped at 0 (float32; a block of query rows against all
 * base rows is at most {@value #BLOCK_VALUES} values, so memory stays bounded for any set size).
 *
 * <p>A {@code Distances} holds one base set on its own manager; close it to free the native memory.
 */
final class Distances implements AutoCloseable {

    /** Values in one (query block x base) distance matrix: 2^23 floats = 32 MB. */
    static final int BLOCK_VALUES = 1 << 23;

    private final NDManager manager;
    private final NDArray base; // (n, d)
    private final NDArray baseSq; // (1, n)
    private final int n;
    private final int dim;

    Distances(float[] baseRows, int n, int dim) {
        this.manager = NDManager.newBaseManager(Gen4j.engine().defaultDevice());
        this.n = n;
        this.dim = dim;
        this.base = manager.create(baseRows, new Shape(n, dim));
        this.baseSq = base.square().sum(new int[] {1}).reshape(1, n);
    }

    Distances(Features f) {
        this(f.embeddings(), f.count(), f.dim());
    }

    int size() {
        return n;
    }

    /** Query rows per block so that a block of distances has at most {@link #BLOCK_VALUES} values. */
    int blockRows() {
        return Math.max(1, Math.min(4096, BLOCK_VALUES / Math.max(1, n)));
    }

    /** Distances (b, n) from query rows {@code from .. from + b - 1} of {@code q} to every base row. */
    NDArray block(NDManager m, float[] q, int from, int b) {
        float[] rows = new float[b * dim];
        System.arraycopy(q, from * dim, rows, 0, b * dim);
        NDArray x = m.create(rows, new Shape(b, dim));
        NDArray xSq = x.square().sum(new int[] {1}).reshape(b, 1);
        m.tempAttachAll(base, baseSq);
        NDArray d2 = x.matMul(base.transpose()).mul(-2f).add(xSq).add(baseSq); // (b, n)
        return d2.maximum(0f).sqrt();
    }

    /** A sub-manager for one block's temporaries (the base arrays are returned to their owner on close). */
    NDManager scope() {
        return manager.newSubManager();
    }

    /**
     * For each query row, the distance to its k-th nearest base row, where the query set is the base set
     * itself: the row's own zero distance is the first of the k + 1 smallest, so the value returned is the
     * distance to its k-th nearest other row (the radius of the k-NN ball of Kynkäänniemi et al. 2019).
     */
    double[] kthNearestSelf(int k) {
        if (n <= k) {
            throw new IllegalArgumentException("k-NN radii need more than k = " + k + " vectors, got " + n);
        }
        float[] q = base.toFloatArray();
        double[] out = new double[n];
        int rows = blockRows();
        for (int from = 0; from < n; from += rows) {
            int b = Math.min(rows, n - from);
            try (NDManager m = scope()) {
                NDArray d = block(m, q, from, b);
                float[] kth = d.topK(k + 1, 1, false, true).get(0).get(":, " + k).toFloatArray();
                for (int i = 0; i < b; i++) {
                    out[from + i] = kth[i];
                }
            }
        }
        return out;
    }

    /** Nearest base row of each query row: its distance and index. */
    Nearest nearest(float[] q, int count) {
        double[] dist = new double[count];
        int[] idx = new int[count];
        int rows = blockRows();
        for (int from = 0; from < count; from += rows) {
            int b = Math.min(rows, count - from);
            try (NDManager m = scope()) {
                NDArray d = block(m, q, from, b);
                float[] md = d.min(new int[] {1}).toFloatArray();
                long[] mi = d.argMin(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < b; i++) {
                    dist[from + i] = md[i];
                    idx[from + i] = (int) mi[i];
                }
            }
        }
        return new Nearest(dist, idx);
    }

    /** Distances and indices of nearest neighbours. */
    record Nearest(double[] distance, int[] index) {}

    @Override
    public void close() {
        manager.close();
    }
}
