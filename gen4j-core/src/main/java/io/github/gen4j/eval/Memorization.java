package io.github.gen4j.eval;

import io.github.gen4j.data.ImageDataset;
import java.util.Arrays;

/**
 * Are samples copies of training images? For every sample, the embedding distance to its nearest training
 * image, compared with the same distance for real held-out (test) images, which are new images by
 * construction (in the spirit of Meehan et al. 2020's data-copying test):
 *
 * <ul>
 *   <li>{@code ratio} = median sample distance / median test distance: about 1 for a model that makes new
 *       images, well below 1 for one that reproduces its training set;
 *   <li>{@code copyFraction}: samples closer to a training image than 99% of test images are (below the
 *       1st percentile of test distances); about {@value #QUANTILE} for new images;
 *   <li>{@code exactCopies}: samples whose pixels equal their nearest training image's to within half a gray
 *       level (RMS difference &lt;= 0.5/255), i.e. copies up to 8-bit rounding.
 * </ul>
 *
 * @param sampleMedian median nearest-train distance of the samples
 * @param testMedian median nearest-train distance of the test images
 * @param ratio sampleMedian / testMedian
 * @param threshold the 1st percentile of test distances
 * @param copyFraction fraction of samples below {@code threshold}
 * @param exactCopies number of samples that are pixel copies of their nearest training image
 * @param samples number of samples
 */
public record Memorization(double sampleMedian, double testMedian, double ratio, double threshold,
        double copyFraction, int exactCopies, int samples) {

    /** The test quantile below which a sample counts as a (near) copy. */
    public static final double QUANTILE = 0.01;

    /** RMS pixel difference (0..1 scale) up to which a sample is an exact copy. */
    static final double EXACT_RMS = 0.5 / 255;

    /**
     * @param train features of the training images (the whole training set: a copy of any of them counts)
     * @param trainImages the training images, in the order of {@code train}
     * @param testNearest nearest-train distances of the test images ({@link #nearestTrain})
     */
    public static Memorization of(Features samples, ImageDataset sampleImages, Features train, ImageDataset trainImages,
            double[] testNearest) {
        Distances.Nearest s;
        try (Distances base = new Distances(train)) {
            s = base.nearest(samples.embeddings(), samples.count());
        }
        double[] sorted = testNearest.clone();
        Arrays.sort(sorted);
        double threshold = quantile(sorted, QUANTILE);
        int below = 0;
        int exact = 0;
        int d = sampleImages.imageSize();
        byte[] a = new byte[d];
        byte[] b = new byte[d];
        for (int i = 0; i < samples.count(); i++) {
            below += s.distance()[i] < threshold ? 1 : 0;
            sampleImages.copyImage(i, a, 0);
            trainImages.copyImage(s.index()[i], b, 0);
            double sq = 0;
            for (int j = 0; j < d; j++) {
                double t = ((a[j] & 0xFF) - (b[j] & 0xFF)) / 255.0;
                sq += t * t;
            }
            exact += Math.sqrt(sq / d) <= EXACT_RMS ? 1 : 0;
        }
        double[] sd = s.distance().clone();
        Arrays.sort(sd);
        double sm = quantile(sd, 0.5);
        double tm = quantile(sorted, 0.5);
        return new Memorization(sm, tm, sm / tm, threshold, (double) below / samples.count(), exact,
                samples.count());
    }

    /** Nearest-train embedding distance of every row of {@code queries}. */
    public static double[] nearestTrain(Features queries, Features train) {
        try (Distances base = new Distances(train)) {
            return base.nearest(queries.embeddings(), queries.count()).distance();
        }
    }

    /** Linear-interpolated quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
