package io.github.gen4j.eval;

/**
 * What the feature network says about a set of images.
 *
 * @param network the feature network's name (e.g. "fmnistcnn"), which metric names carry
 * @param count number of images N
 * @param dim embedding dimension E
 * @param embeddings (N, E) row-major penultimate-layer activations
 * @param predicted (N) argmax class of each image, or null for a network without a classification head
 * @param numClasses classes of the head (0 without one)
 */
public record Features(String network, int count, int dim, float[] embeddings, int[] predicted, int numClasses) {

    public Features {
        if ((long) count * dim != embeddings.length) {
            throw new IllegalArgumentException(embeddings.length + " values for " + count + " x " + dim + " features");
        }
        if (predicted != null && predicted.length != count) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + count + " images");
        }
    }

    public boolean hasClasses() {
        return predicted != null;
    }

    /** The rows {@code idx} (in that order) as a new feature set. */
    public Features subset(int[] idx) {
        float[] e = new float[idx.length * dim];
        int[] p = predicted == null ? null : new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(embeddings, idx[j] * dim, e, j * dim, dim);
            if (p != null) {
                p[j] = predicted[idx[j]];
            }
        }
        return new Features(network, idx.length, dim, e, p, numClasses);
    }

    /** The embeddings as doubles, one row per image. */
    public double[][] rows() {
        double[][] r = new double[count][dim];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < dim; j++) {
                r[i][j] = embeddings[i * dim + j];
            }
        }
        return r;
    }
}
