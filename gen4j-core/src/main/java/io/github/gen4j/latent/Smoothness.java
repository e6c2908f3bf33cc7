package io.github.gen4j.latent;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.eval.Features;
import io.github.gen4j.image.ImageOps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How smooth a latent space is along interpolations, measured in a feature network's embedding (a
 * perceptual distance, as in the perceptual path length of Karras et al. 2019, StyleGAN, sec. 4.2, but
 * with finite steps). For each pair of endpoints, frames f_0 .. f_{S-1} are decoded along the path and
 * embedded (phi), and with the consecutive distances d_i = |phi(f_{i+1}) - phi(f_i)|:
 *
 * <pre>
 * step mean   = mean over pairs of mean_i d_i            (how far one step moves, in feature units)
 * step cv     = mean over pairs of std_i d_i / mean_i d_i (0 = evenly paced; a jump gives a high value)
 * path ratio  = sum_pairs sum_i d_i / sum_pairs |phi(f_{S-1}) - phi(f_0)|   (1 = straight in feature space)
 * </pre>
 * Frames are quantized to 8 bits first, as images are stored. Endpoints are prior latents of seeds
 * (cheap for every family) or encoded held-out images.
 */
public final class Smoothness {

    /** Default pairs and frames per path (small: {@code gen4j eval} runs it by default). */
    public static final int DEFAULT_PAIRS = 16;
    public static final int DEFAULT_STEPS = 8;

    private Smoothness() {}

    /**
     * @param endpoints "seeds" or "held-out images"
     * @param network the feature network's name (in the metric names)
     */
    public record Result(String family, String endpoints, String network, int pairs, int steps, Interpolation mode,
            double stepMean, double stepCv, double pathRatio, double seconds) {

        /** Metric name to value: interp_step_NET, interp_step_cv, interp_path_ratio_NET. */
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("interp_step_" + network, stepMean);
            m.put("interp_step_cv", stepCv);
            m.put("interp_path_ratio_" + network, pathRatio);
            return m;
        }

        /** Everything, for JSON. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("endpoints", endpoints);
            m.put("pairs", pairs);
            m.put("steps", steps);
            m.put("mode", mode.cliName());
            m.putAll(metrics());
            m.put("seconds", seconds);
            return m;
        }

        /** Three table lines. */
        public String table() {
            return String.format(Locale.ROOT, "%-28s %12.4f  mean feature distance between consecutive frames%n"
                    + "%-28s %12.4f  its coefficient of variation (high = jumpy path)%n"
                    + "%-28s %12.4f  path length / endpoint distance in features (1 = straight)%n",
                    "interp_step_" + network, stepMean, "interp_step_cv", stepCv, "interp_path_ratio_" + network,
                    pathRatio);
        }
    }

    /** Seed pairs (2p + seed, 2p + 1 + seed), class p mod K for a conditional model. */
    public static Result measureSeeds(LatentSpace space, NDManager m, FeatureNetwork net, int pairs, int steps,
            Interpolation mode, long seed) {
        List<Interpolations.Point[]> ends = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            int k = space.numClasses() > 0 ? p % space.numClasses() : -1;
            ends.add(new Interpolations.Point[] {Interpolations.Point.seed(space, seed + 2L * p, k),
                Interpolations.Point.seed(space, seed + 2L * p + 1, k)});
        }
        return measure(space, m, net, ends, steps, mode, "seeds");
    }

    /** Pairs of held-out images 2p and 2p + 1 of {@code data}, encoded (each with its own label if conditional). */
    public static Result measureImages(LatentSpace space, NDManager m, FeatureNetwork net, ImageDataset data,
            int pairs, int steps, Interpolation mode) {
        int n = Math.min(2 * pairs, data.size() - data.size() % 2);
        if (n < 2) {
            throw new IllegalArgumentException("smoothness on images needs at least 2 held-out images");
        }
        int[] idx = java.util.stream.IntStream.range(0, n).toArray();
        float[] z = ClassMeans.encode(space, m, data, idx);
        int d = space.dim();
        List<Interpolations.Point[]> ends = new ArrayList<>();
        for (int p = 0; p < n / 2; p++) {
            float[][] w = new float[2][];
            for (int e = 0; e < 2; e++) {
                w[e] = space.numClasses() > 0 ? Interpolations.Point.classWeights(space, data.label(2 * p + e)) : null;
            }
            ends.add(new Interpolations.Point[] {
                new Interpolations.Point(java.util.Arrays.copyOfRange(z, 2 * p * d, (2 * p + 1) * d), w[0]),
                new Interpolations.Point(java.util.Arrays.copyOfRange(z, (2 * p + 1) * d, (2 * p + 2) * d), w[1])});
        }
        return measure(space, m, net, ends, steps, mode, "held-out images");
    }

    /** The measure over given endpoint pairs. */
    public static Result measure(LatentSpace space, NDManager m, FeatureNetwork net, List<Interpolations.Point[]> pairs,
            int steps, Interpolation mode, String endpoints) {
        if (pairs.isEmpty() || steps < 3) {
            throw new IllegalArgumentException("smoothness needs at least one pair and 3 frames per path");
        }
        long t0 = System.nanoTime();
        int c = space.channels();
        int s = space.imageSize();
        int d = c * s * s;
        double stepSum = 0;
        double cvSum = 0;
        double lengthSum = 0;
        double endSum = 0;
        for (Interpolations.Point[] pair : pairs) {
            Interpolations.Strip strip = Interpolations.strip(space, m, pair[0], pair[1], steps, mode);
            byte[] u8 = ImageOps.toUint8(strip.frames(), steps * d, 0f, 1f);
            Features f = net.extract(new ImageDataset("interpolation frames", u8, steps, c, s, s, null, List.of()),
                    steps, null);
            double[][] e = f.rows();
            double[] dist = new double[steps - 1];
            double mean = 0;
            for (int i = 0; i + 1 < steps; i++) {
                dist[i] = distance(e[i], e[i + 1]);
                mean += dist[i] / (steps - 1);
            }
            double var = 0;
            for (double v : dist) {
                var += (v - mean) * (v - mean) / (steps - 1);
            }
            stepSum += mean;
            cvSum += mean > 0 ? Math.sqrt(var) / mean : 0;
            lengthSum += mean * (steps - 1);
            endSum += distance(e[0], e[steps - 1]);
        }
        int p = pairs.size();
        return new Result(space.family(), endpoints, net.name(), p, steps, mode, stepSum / p, cvSum / p,
                endSum > 0 ? lengthSum / endSum : Double.NaN, (System.nanoTime() - t0) / 1e9);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
