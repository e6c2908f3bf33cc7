package io.github.gen4j.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of evaluating one sample set: what was compared with what, every metric (names carry the
 * feature network, e.g. {@code fid_fmnistcnn}), per-class details and timings. Serializes to JSON as is.
 *
 * @param samples description of the samples
 * @param sampleCount number of samples used
 * @param reference description of the real reference images
 * @param referenceCount number of reference images used for the distribution metrics
 * @param featureNetwork name, source and measured accuracy of the feature network
 * @param metrics metric name to value, in display order
 * @param details per-class histogram, memorization thresholds and other supporting numbers
 * @param seconds wall-clock seconds per phase
 */
public record EvalReport(String samples, int sampleCount, String reference, int referenceCount,
        Map<String, Object> featureNetwork, Map<String, Double> metrics, Map<String, Object> details,
        Map<String, Double> seconds) {

    /** One line per metric: name, value, and how to read it. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "samples:         %,d (%s)%n", sampleCount, samples));
        sb.append(String.format(Locale.ROOT, "reference:       %,d (%s)%n", referenceCount, reference));
        sb.append("feature network: ").append(describeNetwork(featureNetwork)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-28s %12s  %s%n", "metric", "value", "meaning"));
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-28s %12s  %s%n", e.getKey(), format(e.getValue()),
                    meaning(e.getKey(), String.valueOf(featureNetwork.get("name")))));
        }
        return sb.toString();
    }

    /** A table with one column per report (same metrics), e.g. the sanity table. */
    public static String compare(List<String> columns, List<EvalReport> reports) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-26s", "metric"));
        for (String c : columns) {
            sb.append(String.format(Locale.ROOT, " %14s", c.length() > 14 ? c.substring(0, 14) : c));
        }
        sb.append('\n');
        Map<String, Boolean> names = new LinkedHashMap<>();
        reports.forEach(r -> r.metrics().keySet().forEach(k -> names.put(k, true)));
        for (String name : names.keySet()) {
            sb.append(String.format(Locale.ROOT, "%-26s", name));
            for (EvalReport r : reports) {
                Double v = r.metrics().get(name);
                sb.append(String.format(Locale.ROOT, " %14s", v == null ? "-" : format(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String describeNetwork(Map<String, Object> f) {
        String s = f.get("name") + " (" + f.get("source");
        Object acc = f.get("testAccuracy");
        if (acc instanceof Double a && !a.isNaN()) {
            s += String.format(Locale.ROOT, "; test accuracy %.2f%% on %s images", 100 * a, f.get("testImages"));
        }
        Object fb = f.get("fallback");
        if (fb != null) {
            s += "; fallback: " + fb;
        }
        return s + ")";
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    static String meaning(String metric, String network) {
        String suffix = "_" + network;
        String base = metric.endsWith(suffix) ? metric.substring(0, metric.length() - suffix.length()) : metric;
        return switch (base) {
            case "fid" -> "Frechet distance of feature Gaussians; lower is better, 0 = same";
            case "kid" -> "kernel MMD^2 (unbiased, mean over subsets); lower is better, ~0 = same";
            case "kid_std" -> "std of KID over subsets";
            case "precision" -> "share of samples on the real k-NN manifold (fidelity)";
            case "recall" -> "share of real images on the samples' manifold (diversity)";
            case "density" -> "real k-NN balls holding a sample / k; ~1 like the data";
            case "coverage" -> "share of real images with a sample in their k-NN ball";
            case "classes_covered" -> "classes with >= 20% of their data share";
            case "class_kl" -> "KL(sample classes || data classes), nats; 0 = balanced like data";
            case "conditional_accuracy" -> "samples classified as the class requested";
            case "nn_ratio" -> "median nearest-train distance, samples / test images; ~1 = new";
            case "copies" -> "share closer to train than 99% of test images; ~0.01 = new";
            case "exact_copies" -> "samples equal to a training image (8-bit)";
            case "sharpness" -> "variance of the Laplacian of the samples";
            case "sharpness_real" -> "variance of the Laplacian of real images";
            case "sharpness_ratio" -> "samples / real; < 1 blurrier, > 1 noisier";
            default -> "";
        };
    }
}
