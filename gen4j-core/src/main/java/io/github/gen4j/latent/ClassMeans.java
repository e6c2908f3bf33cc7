package io.github.gen4j.latent;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Class-mean latents (Larsen et al. 2016, sec. 5; White 2016, "attribute vectors"): the average latent
 * of a class's images. Differences of class means are directions in the latent space ("ankle boot" minus
 * "sneaker"), which {@link Arithmetic} adds to other images' latents.
 */
public final class ClassMeans {

    /** Images encoded per batch (a GAN recovers each batch by optimization). */
    static final int BATCH = 64;

    private ClassMeans() {}

    /** Indices of the first {@code max} images of class {@code k} in {@code data}. */
    public static int[] indices(ImageDataset data, int k, int max) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(data.name() + " has no labels: class means need labelled data");
        }
        if (k < 0 || k >= data.numClasses()) {
            throw new IllegalArgumentException("class " + k + ": the data has " + data.numClasses() + " classes");
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < data.size() && idx.size() < max; i++) {
            if (data.label(i) == k) {
                idx.add(i);
            }
        }
        if (idx.isEmpty()) {
            throw new IllegalArgumentException("class " + k + " has no images in " + data.name());
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Latents (N, D) of the images {@code idx} of {@code data}, row-major; a conditional space encodes each
     * image with its own label.
     */
    public static float[] encode(LatentSpace space, NDManager m, ImageDataset data, int[] idx) {
        int d = space.dim();
        float[] out = new float[idx.length * d];
        for (int from = 0; from < idx.length; from += BATCH) {
            int n = Math.min(BATCH, idx.length - from);
            try (NDManager sub = m.newSubManager()) {
                Batch b = Batcher.gather(data, java.util.Arrays.copyOfRange(idx, from, from + n), sub);
                int[] labels = space.numClasses() > 0 && b.labels() != null ? b.labels().toIntArray() : null;
                float[] z = space.encode(sub, b.pixels(),
                        labels == null ? null : LatentSpaces.oneHot(sub, labels, space.numClasses())).toFloatArray();
                System.arraycopy(z, 0, out, from * d, n * d);
            }
        }
        return out;
    }

    /** The mean latent (D) of up to {@code max} images of class {@code k}. */
    public static float[] mean(LatentSpace space, NDManager m, ImageDataset data, int k, int max) {
        int[] idx = indices(data, k, max);
        float[] z = encode(space, m, data, idx);
        int d = space.dim();
        double[] sum = new double[d];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < d; j++) {
                sum[j] += z[i * d + j];
            }
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / idx.length);
        }
        return mean;
    }
}
