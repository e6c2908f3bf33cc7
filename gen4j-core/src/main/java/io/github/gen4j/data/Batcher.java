package io.github.gen4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Seeded shuffling and batching. The batch of a global step is a pure function of (seed, step): epoch
 * {@code e} uses a Fisher-Yates permutation seeded by (seed, e), and the last incomplete batch of an
 * epoch is dropped. Resuming at step s therefore sees exactly the batches an uninterrupted run would.
 */
public final class Batcher {

    private final ImageDataset data;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private long cachedEpoch = -1;
    private int[] permutation;

    public Batcher(ImageDataset data, int batchSize, long seed) {
        requireOneBatch(data, batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = data.size() / batchSize;
    }

    /** Fails with a one-line reason unless {@code data} holds at least one batch (check before making folders). */
    public static void requireOneBatch(ImageDataset data, int batchSize) {
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("the dataset " + data.name() + " has " + data.size()
                    + " images, fewer than one batch of " + batchSize + " (lower --batch-size)");
        }
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Indices of the images in the batch of global step {@code step}. */
    public int[] indices(long step) {
        long epoch = step / batchesPerEpoch;
        if (epoch != cachedEpoch) {
            permutation = permutation(data.size(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
            cachedEpoch = epoch;
        }
        int from = (int) (step % batchesPerEpoch) * batchSize;
        int[] idx = new int[batchSize];
        System.arraycopy(permutation, from, idx, 0, batchSize);
        return idx;
    }

    /** The batch of global step {@code step}, created on {@code manager}. */
    public Batch batch(long step, NDManager manager) {
        return gather(data, indices(step), manager);
    }

    /** A batch holding the given images, in order. */
    public static Batch gather(ImageDataset data, int[] idx, NDManager manager) {
        int d = data.imageSize();
        float[] px = new float[idx.length * d];
        for (int j = 0; j < idx.length; j++) {
            data.copyImage(idx[j], px, j * d);
        }
        Shape shape = new Shape(idx.length, data.channels(), data.height(), data.width());
        // DJL wraps a Java direct buffer here (zero copy); the wrapper keeps it alive until the batch's
        // manager closes. Safe because no gradient flows into the pixels (see nn.Ops for when it is not).
        NDArray pixels = manager.create(px, shape);
        NDArray labels = null;
        if (data.hasLabels()) {
            int[] lb = new int[idx.length];
            for (int j = 0; j < idx.length; j++) {
                lb[j] = data.label(idx[j]);
            }
            labels = manager.create(lb).toType(DataType.INT32, false);
        }
        return new Batch(pixels, labels);
    }

    /** Images {@code from .. from+n-1} (clipped to the dataset) as a batch. */
    public static Batch range(ImageDataset data, int from, int n, NDManager manager) {
        int m = Math.max(0, Math.min(n, data.size() - from));
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            idx[j] = from + j;
        }
        return gather(data, idx, manager);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
