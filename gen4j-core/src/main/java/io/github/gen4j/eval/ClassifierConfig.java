package io.github.gen4j.eval;

import java.util.List;

/**
 * Hyperparameters of the small CNN used as gen4j's feature network (and classifier). Immutable; saved in
 * the run's {@code config.json} and in exported feature-network files.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param imageSize image height = width
 * @param widths channels of each stage: conv 3x3 + ReLU + 2x2 max-pool (each halves the resolution)
 * @param bottleneckConv one more conv 3x3 + ReLU with the last width at the final resolution (cheap: the
 *     map is 7x7 for 28x28 inputs)
 * @param embedDim width of the penultimate layer (Linear + ReLU): the embedding used for FID, KID,
 *     precision/recall and memorization
 * @param numClasses classes of the classification head; 0 = no head (an unlabelled, embedding-only network)
 * @param dropout dropout rate on the embedding before the classification head (training only)
 */
public record ClassifierConfig(
        int channels, int imageSize, List<Integer> widths, boolean bottleneckConv, int embedDim, int numClasses,
        double dropout) {

    public ClassifierConfig {
        widths = List.copyOf(widths);
        if (channels <= 0 || imageSize <= 0 || widths.isEmpty() || embedDim <= 0 || numClasses < 0) {
            throw new IllegalArgumentException("classifier sizes must be positive (classes >= 0)");
        }
        if (imageSize >> widths.size() < 1) {
            throw new IllegalArgumentException("image size " + imageSize + " is too small for " + widths.size()
                    + " pooling stages (--widths)");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * The default recipe: stages [32, 64] (28 -> 14 -> 7), a 64-channel conv at 7x7, a 128-d embedding,
     * dropout 0.3 before the head; one more stage per doubling of the image size beyond 32.
     */
    public static ClassifierConfig defaults(int channels, int imageSize, int numClasses) {
        List<Integer> w = imageSize <= 32 ? List.of(32, 64) : imageSize <= 64 ? List.of(32, 64, 128)
                : List.of(32, 64, 128, 128);
        return new ClassifierConfig(channels, imageSize, w, true, 128, numClasses, 0.3);
    }

    /** Resolution after the pooling stages (floor of each halving, as 2x2 max-pooling does). */
    public int bottleneckSize() {
        return imageSize >> widths.size();
    }

    public ClassifierConfig withWidths(List<Integer> w) {
        return new ClassifierConfig(channels, imageSize, w, bottleneckConv, embedDim, numClasses, dropout);
    }

    public ClassifierConfig withoutBottleneckConv() {
        return new ClassifierConfig(channels, imageSize, widths, false, embedDim, numClasses, dropout);
    }

    public ClassifierConfig withEmbedDim(int e) {
        return new ClassifierConfig(channels, imageSize, widths, bottleneckConv, e, numClasses, dropout);
    }

    public ClassifierConfig withDropout(double d) {
        return new ClassifierConfig(channels, imageSize, widths, bottleneckConv, embedDim, numClasses, d);
    }
}
