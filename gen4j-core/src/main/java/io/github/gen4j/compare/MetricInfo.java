package io.github.gen4j.compare;

import java.util.List;
import java.util.Locale;

/**
 * A metric of the comparison table: its name in {@link JobResult#metrics}, how it reads, and which value
 * is best (the table marks it).
 *
 * @param key name in the results
 * @param label column title
 * @param best which value is best
 * @param meaning one line for the report
 */
public record MetricInfo(String key, String label, Best best, String meaning) {

    /** Which value of a metric is best. */
    public enum Best {
        LOWER, HIGHER, CLOSEST_TO_ONE, NONE;

        /** True if {@code a} is strictly better than {@code b}. */
        public boolean better(double a, double b) {
            return switch (this) {
                case LOWER -> a < b;
                case HIGHER -> a > b;
                case CLOSEST_TO_ONE -> Math.abs(Math.log(a)) < Math.abs(Math.log(b));
                case NONE -> false;
            };
        }
    }

    /** The metrics table's rows, in order. */
    public static final List<MetricInfo> TABLE = List.of(
            new MetricInfo("fid", "FID", Best.LOWER, "Frechet distance of feature Gaussians to held-out images"),
            new MetricInfo(JobResult.FID_BEST, "FID, best checkpoint", Best.LOWER,
                    "the lowest FID over the run's checkpoints and its end: what keeping the best checkpoint gives"),
            new MetricInfo("kid", "KID", Best.LOWER, "kernel MMD^2 to held-out images (unbiased)"),
            new MetricInfo("precision", "precision", Best.HIGHER, "share of samples on the held-out images' manifold"),
            new MetricInfo("recall", "recall", Best.HIGHER, "share of held-out images on the samples' manifold"),
            new MetricInfo("coverage", "coverage", Best.HIGHER, "share of held-out images with a sample nearby"),
            new MetricInfo("density", "density", Best.CLOSEST_TO_ONE, "samples per real neighbourhood / k; ~1 like data"),
            new MetricInfo("classes_covered", "classes covered", Best.HIGHER,
                    "classes holding >= 20% of their data share of the samples"),
            new MetricInfo("class_kl", "class KL", Best.LOWER, "KL(sample classes || data classes), nats"),
            new MetricInfo("sharpness_ratio", "sharpness", Best.CLOSEST_TO_ONE,
                    "Laplacian variance, samples / held-out images; < 1 blurrier"),
            new MetricInfo("nn_ratio", "memorization (NN ratio)", Best.CLOSEST_TO_ONE,
                    "median nearest-train distance, samples / held-out images; << 1 = copies"),
            new MetricInfo("copies", "copies", Best.LOWER, "share closer to a training image than 99% of test images"),
            new MetricInfo("bits_per_dim", "bits/dim", Best.LOWER, "negative log-likelihood of held-out images"),
            new MetricInfo("recon_psnr", "reconstruction PSNR (dB)", Best.HIGHER, "held-out images through the encoder"),
            new MetricInfo("interp_path_ratio", "latent path ratio", Best.LOWER,
                    "interpolation path length / endpoint distance in features; 1 = straight, smooth"),
            new MetricInfo("interp_step_cv", "latent step CV", Best.LOWER,
                    "spread of feature steps between interpolation frames / their mean; low = no jumps"),
            new MetricInfo("interp_end_psnr", "interpolation end PSNR (dB)", Best.HIGHER,
                    "held-out images encoded to the family's latent and decoded again"),
            new MetricInfo("parameters", "parameters", Best.LOWER, "trainable and fixed weights"),
            new MetricInfo("train_images_per_s", "training images/s", Best.HIGHER, "training throughput"),
            new MetricInfo("steps", "steps", Best.NONE, "optimizer steps done within the budget"),
            new MetricInfo("rollbacks", "rollbacks", Best.LOWER,
                    "divergences (non-finite values) survived by reloading a checkpoint at half the learning rate"),
            new MetricInfo("sample_ms_per_image", "sampling ms/image", Best.LOWER, "wall clock, batches of 256"));

    /** The table row of {@code key}, or a plain one. */
    public static MetricInfo of(String key) {
        return TABLE.stream().filter(m -> m.key.equals(key)).findFirst()
                .orElse(new MetricInfo(key, key, Best.NONE, ""));
    }

    /** A number as the report shows it. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01 || a == 0) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
