package io.github.gen4j.latent;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Latent traversals (Higgins et al. 2017, beta-VAE, fig. 1): one latent coordinate walks over a range
 * while all others stay at a base point (an image's posterior mean, or 0), one row per coordinate. A
 * coordinate that changes one visible factor (width, sleeve length, brightness) is "disentangled".
 */
public final class Traversal {

    private Traversal() {}

    /** {@code steps} evenly spaced values from -range to +range. */
    public static double[] values(double range, int steps) {
        if (!(range > 0) || steps < 2) {
            throw new IllegalArgumentException("--range must be > 0 and --steps >= 2");
        }
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = -range + 2 * range * i / (steps - 1);
        }
        return v;
    }

    /**
     * The grid's latents: row r, column c is {@code base} with coordinate {@code dims[r]} set to
     * {@code values[c]}; (dims * values, D) row-major. Every other coordinate equals the base exactly.
     */
    public static float[] latents(float[] base, int[] dims, double[] values) {
        int d = base.length;
        float[] out = new float[dims.length * values.length * d];
        for (int r = 0; r < dims.length; r++) {
            if (dims[r] < 0 || dims[r] >= d) {
                throw new IllegalArgumentException("--dims: " + dims[r] + " is not a latent coordinate (0.." + (d - 1) + ")");
            }
            for (int c = 0; c < values.length; c++) {
                int at = (r * values.length + c) * d;
                System.arraycopy(base, 0, out, at, d);
                out[at + dims[r]] = (float) values[c];
            }
        }
        return out;
    }

    /**
     * Mean KL(q(z_j | x) || N(0, 1)) per coordinate j over up to {@code n} images of {@code data}, in nats:
     * how much information each coordinate carries (near 0 = unused).
     */
    public static double[] meanKl(VaeLatent space, NDManager m, ImageDataset data, int n) {
        int total = Math.min(n, data.size());
        int d = space.dim();
        double[] sum = new double[d];
        for (int from = 0; from < total; from += ClassMeans.BATCH) {
            try (NDManager sub = m.newSubManager()) {
                Batch b = Batcher.range(data, from, Math.min(ClassMeans.BATCH, total - from), sub);
                int[] labels = space.numClasses() > 0 ? b.labels().toIntArray() : null;
                float[] kl = space.klPerDim(sub, b.pixels(), LatentSpaces.oneHot(sub, labels, space.numClasses()))
                        .toFloatArray();
                for (int i = 0; i < kl.length; i++) {
                    sum[i % d] += kl[i];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] /= Math.max(1, total);
        }
        return sum;
    }

    /** The {@code n} coordinates with the largest values of {@code kl}, largest first. */
    public static int[] top(double[] kl, int n) {
        return IntStream.range(0, kl.length).boxed().sorted(Comparator.comparingDouble(j -> -kl[j]))
                .limit(Math.min(n, kl.length)).mapToInt(Integer::intValue).toArray();
    }

    /** Coordinates in the order given (checked), e.g. from --dims 0,3,5. */
    public static int[] check(int[] dims, int latentDim) {
        for (int j : dims) {
            if (j < 0 || j >= latentDim) {
                throw new IllegalArgumentException("--dims: " + j + " is not a latent coordinate (0.." + (latentDim - 1)
                        + ")");
            }
        }
        if (Arrays.stream(dims).distinct().count() != dims.length) {
            throw new IllegalArgumentException("--dims: a coordinate is listed twice");
        }
        return dims;
    }
}
