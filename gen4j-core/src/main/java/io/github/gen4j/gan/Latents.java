package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Latent codes and labels for a generator; randomness from the engine's (seeded) generator. */
public final class Latents {

    /** Resampling rounds before the remaining out-of-range values are clipped (only for tiny T). */
    private static final int MAX_ROUNDS = 100;

    private Latents() {}

    /**
     * z ~ N(0, I) of shape (n, dim). With {@code truncation} T > 0, the truncation trick (Brock et al. 2019,
     * BigGAN): every entry with |z| > T is redrawn until it falls inside [-T, T] (a truncated normal),
     * trading diversity for typical-looking samples.
     */
    public static NDArray normal(NDManager m, int n, int dim, double truncation) {
        NDArray z = m.randomNormal(new Shape(n, dim));
        if (truncation > 0) {
            float t = (float) truncation;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                NDArray outside = z.abs().gt(t);
                if (!outside.any().getBoolean()) {
                    return z;
                }
                z = NDArrays.where(outside, m.randomNormal(z.getShape()), z);
            }
            z = z.clip(-t, t);
        }
        return z;
    }

    /** (n, k) float one-hot rows of {@code labels} (n) int. */
    public static NDArray oneHot(NDArray labels, int k) {
        return labels.toType(DataType.INT32, false).oneHot(k).toType(DataType.FLOAT32, false);
    }

    /** Labels for n samples: all {@code label}, or 0, 1, ..., k-1, 0, ... when label < 0. */
    public static NDArray labels(NDManager m, int n, int k, int label) {
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            lb[i] = label >= 0 ? label : i % k;
        }
        return m.create(lb);
    }
}
