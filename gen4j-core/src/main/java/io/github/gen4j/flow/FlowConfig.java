package io.github.gen4j.flow;

import java.util.Locale;

/**
 * Hyperparameters of a multi-scale flow. Immutable; saved in the run's {@code config.json}.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param imageSize image height = width
 * @param architecture {@link Architecture#GLOW} or {@link Architecture#REALNVP}
 * @param levels number of scales L; each but the last ends with a split that factors out half the channels
 * @param steps Glow: flow steps K per level (ActNorm, 1x1 conv, coupling); RealNVP: couplings per group
 *     (3 in the paper; the last level has steps + 1 checkerboard couplings)
 * @param hidden width of the coupling networks (Glow used 512; 28x28 images need fewer)
 * @param scaleClamp bound c of the coupling log-scales, c tanh(raw / c)
 * @param logitAlpha logit-transform margin (RealNVP: 0.05); 0 = Glow's shift x - 0.5
 * @param dequantization how 8-bit values become continuous
 * @param numClasses 0 for an unconditional flow; K for a class-conditional prior (Glow's "ycond")
 */
public record FlowConfig(
        int channels,
        int imageSize,
        Architecture architecture,
        int levels,
        int steps,
        int hidden,
        double scaleClamp,
        double logitAlpha,
        Dequantization dequantization,
        int numClasses) {

    /** The layer layout. */
    public enum Architecture {
        /** Kingma & Dhariwal 2018: per level squeeze, K x (ActNorm, invertible 1x1 conv, affine coupling), split. */
        GLOW,
        /**
         * Dinh et al. 2017: per level 3 checkerboard couplings, squeeze, 3 channel-wise couplings, split;
         * 4 checkerboard couplings at the last level. ActNorm before each coupling stands in for the paper's
         * batch normalization (which has no exact per-image inverse at sampling time).
         */
        REALNVP;

        public static Architecture parse(String s) {
            for (Architecture a : values()) {
                if (a.name().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("--arch: '" + s + "' is not one of glow, realnvp");
        }
    }

    /** How the 8-bit pixel values v are turned into continuous values x = (v + u) / 256. */
    public enum Dequantization {
        /** u ~ U[0, 1) (Theis et al. 2016): log P(v) >= E_u log p(x) - D log 256. */
        UNIFORM,
        /** u ~ q(u | v), a learned conditional flow (Ho et al. 2019, Flow++, sec. 3.1); a tighter bound. */
        VARIATIONAL;

        public static Dequantization parse(String s) {
            for (Dequantization d : values()) {
                if (d.name().equalsIgnoreCase(s)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("--dequantization: '" + s + "' is not one of uniform, variational");
        }
    }

    public FlowConfig {
        if (channels <= 0 || imageSize <= 0 || levels <= 0 || steps <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("flow sizes (channels, image size, levels, steps, hidden) must be > 0");
        }
        if (architecture == null || dequantization == null) {
            throw new IllegalArgumentException("flow config: architecture and dequantization are required");
        }
        int halvings = architecture == Architecture.GLOW ? levels : levels - 1;
        if (imageSize % (1 << halvings) != 0) {
            throw new IllegalArgumentException("--levels " + levels + ": the " + architecture.name().toLowerCase(Locale.ROOT)
                    + " layout halves the image " + halvings + " times, but " + imageSize + " is not divisible by "
                    + (1 << halvings));
        }
        if (!(scaleClamp > 0) || !(logitAlpha >= 0 && logitAlpha < 0.5) || numClasses < 0) {
            throw new IllegalArgumentException("flow config: scale clamp > 0, logit alpha in [0, 0.5), classes >= 0");
        }
    }

    /**
     * Glow for a data shape: as many levels as halve the image down to an odd size or 4x4, at most 3
     * (28x28: 2 levels, 14x14 and 7x7; 32x32: 3 levels), K = 8 steps, coupling width 128, logit 0.05.
     */
    public static FlowConfig defaults(int channels, int imageSize) {
        int levels = 0;
        int s = imageSize;
        while (levels < 3 && s % 2 == 0 && s / 2 >= 4) {
            s /= 2;
            levels++;
        }
        if (levels == 0) {
            throw new IllegalArgumentException("image size " + imageSize + " cannot be squeezed (needs an even size >= 8)");
        }
        return new FlowConfig(channels, imageSize, Architecture.GLOW, levels, 8, 128, 2.0, 0.05,
                Dequantization.UNIFORM, 0);
    }

    /** RealNVP with the same number of scales, 3 couplings per group. */
    public static FlowConfig realNvp(int channels, int imageSize) {
        FlowConfig g = defaults(channels, imageSize);
        return new FlowConfig(channels, imageSize, Architecture.REALNVP, g.levels, 3, g.hidden, g.scaleClamp, 0.05,
                g.dequantization, 0);
    }

    /** Number of values per image, D = C * H * W. */
    public int dims() {
        return channels * imageSize * imageSize;
    }

    public boolean conditional() {
        return numClasses > 0;
    }

    public FlowConfig withLevels(int l) {
        return new FlowConfig(channels, imageSize, architecture, l, steps, hidden, scaleClamp, logitAlpha,
                dequantization, numClasses);
    }

    public FlowConfig withSteps(int k) {
        return new FlowConfig(channels, imageSize, architecture, levels, k, hidden, scaleClamp, logitAlpha,
                dequantization, numClasses);
    }

    public FlowConfig withHidden(int h) {
        return new FlowConfig(channels, imageSize, architecture, levels, steps, h, scaleClamp, logitAlpha,
                dequantization, numClasses);
    }

    public FlowConfig withLogitAlpha(double a) {
        return new FlowConfig(channels, imageSize, architecture, levels, steps, hidden, scaleClamp, a,
                dequantization, numClasses);
    }

    public FlowConfig withDequantization(Dequantization d) {
        return new FlowConfig(channels, imageSize, architecture, levels, steps, hidden, scaleClamp, logitAlpha, d,
                numClasses);
    }

    public FlowConfig withClasses(int k) {
        return new FlowConfig(channels, imageSize, architecture, levels, steps, hidden, scaleClamp, logitAlpha,
                dequantization, k);
    }

    public FlowConfig withScaleClamp(double c) {
        return new FlowConfig(channels, imageSize, architecture, levels, steps, hidden, c, logitAlpha,
                dequantization, numClasses);
    }
}
