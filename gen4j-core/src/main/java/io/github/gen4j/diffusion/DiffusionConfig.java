package io.github.gen4j.diffusion;

import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.train.TrainConfig;
import java.util.List;

/**
 * Hyperparameters of a diffusion model: its U-Net, noise schedule and training objective. Immutable;
 * saved in the run's {@code config.json}.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param imageSize image height = width; must be divisible by 2^(levels - 1)
 * @param widths channels of each U-Net level; each level after the first halves the resolution, so
 *     [32, 64, 64] takes 28x28 through 14x14 to 7x7, and [64, 128, 128, 256] takes 64x64 to 8x8
 * @param resBlocks residual blocks per level on the way down (the way up has one more per level)
 * @param attention self-attention at the lowest resolution (after each block there and in the middle)
 * @param heads attention heads
 * @param dropout dropout rate inside the residual blocks (0.1 in Ho et al. 2020 for CIFAR-10)
 * @param groups GroupNorm groups (reduced to a divisor of each width)
 * @param timesteps T, the number of noise levels (1000 in Ho et al.)
 * @param schedule linear (Ho et al.) or cosine (Nichol & Dhariwal 2021)
 * @param prediction what the network predicts: the noise eps (Ho et al.) or v = sqrt(abar) eps -
 *     sqrt(1 - abar) x_0 (Salimans & Ho 2022)
 * @param numClasses 0 for an unconditional model; K for a class-conditional one with classifier-free
 *     guidance (Ho & Salimans 2022), which learns K classes plus a "no class" token
 * @param labelDropout probability of replacing a training label by "no class", which trains the
 *     unconditional model that guidance needs (0.1-0.2 in Ho & Salimans)
 */
public record DiffusionConfig(
        int channels,
        int imageSize,
        List<Integer> widths,
        int resBlocks,
        boolean attention,
        int heads,
        double dropout,
        int groups,
        int timesteps,
        NoiseSchedule.Kind schedule,
        Prediction prediction,
        int numClasses,
        double labelDropout) {

    /** What the U-Net outputs. */
    public enum Prediction {
        /** The noise eps (Ho et al. 2020). */
        EPSILON,
        /** The velocity v = sqrt(abar) eps - sqrt(1 - abar) x_0 (Salimans & Ho 2022, appendix D). */
        V;

        /** Parses "eps"/"epsilon" or "v", for the command line. */
        public static Prediction parse(String s) {
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "eps":
                case "epsilon":
                    return EPSILON;
                case "v":
                    return V;
                default:
                    throw new IllegalArgumentException("--prediction: expected eps or v, got '" + s + "'");
            }
        }
    }

    public DiffusionConfig {
        widths = List.copyOf(widths);
        if (channels <= 0 || imageSize <= 0 || widths.isEmpty() || resBlocks <= 0 || heads <= 0 || groups <= 0) {
            throw new IllegalArgumentException("diffusion model sizes must be positive");
        }
        for (int w : widths) {
            if (w <= 0 || w % heads != 0) {
                throw new IllegalArgumentException("--widths: each width must be positive and divisible by the "
                        + heads + " attention heads, got " + widths);
            }
        }
        if (imageSize % (1 << (widths.size() - 1)) != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not divisible by 2^"
                    + (widths.size() - 1) + " (one halving per level after the first in --widths)");
        }
        if (!(dropout >= 0 && dropout < 1) || !(labelDropout >= 0 && labelDropout < 1)) {
            throw new IllegalArgumentException("--dropout and --label-dropout must be in [0, 1)");
        }
        if (timesteps < 2) {
            throw new IllegalArgumentException("--timesteps must be >= 2, got " + timesteps);
        }
        if (schedule == null || prediction == null || numClasses < 0) {
            throw new IllegalArgumentException("bad diffusion config: schedule, prediction and classes >= 0 required");
        }
    }

    /**
     * The default for a data shape, small enough to train at a useful rate on a 2-core CPU: widths
     * [24, 48, 48] for 28x28 (28, 14, 7), [32, 64, 64] for other sizes up to 32x32 (32x32 down to 8x8),
     * [32, 64, 64, 128] for 64x64; one block per level, no attention, dropout 0.1, linear schedule with
     * T = 1000, eps-prediction, unconditional: the textbook DDPM recipe of bench/reference/ddpm.py (issue 14).
     * The 28x28 widths are a measured choice at compare's 10-minute budget: [24, 48, 48] took 1.6x the steps
     * of [32, 64, 64] and reached FID 293.8 against 336.9 (bench/results/size-sweep-10m-flow-diffusion), and
     * it matches the reference DDPM at that width (bench/results/parity-diffusion-500-w24).
     */
    public static DiffusionConfig defaults(int channels, int imageSize) {
        List<Integer> widths = imageSize >= 64 ? List.of(32, 64, 64, 128)
                : imageSize == 28 ? List.of(24, 48, 48) : List.of(32, 64, 64);
        while (imageSize % (1 << (widths.size() - 1)) != 0 && widths.size() > 1) {
            widths = widths.subList(0, widths.size() - 1);
        }
        return new DiffusionConfig(channels, imageSize, widths, 1, false, 1, 0.1, 8, 1000,
                NoiseSchedule.Kind.LINEAR, Prediction.EPSILON, 0, 0.1);
    }

    /**
     * The diffusion model's default training schedule on top of {@code b}, Ho et al.'s: Adam at a constant
     * 2e-4 after a 100-step linear warm-up (no cosine decay), gradient norm clipped at 1, EMA 0.999 of the
     * weights for sampling. Measured at 500 steps with the reference DDPM (bench/results/parity-diffusion-500).
     */
    public static TrainConfig.Builder schedule(TrainConfig.Builder b) {
        return b.lr(2e-4).warmupSteps(100).cosine(false).gradClip(1).emaDecay(0.999);
    }

    /** The resolution of the lowest level. */
    public int lowestSize() {
        return imageSize >> (widths.size() - 1);
    }

    /** Size of the time (and class) embedding: 4 x the first width, as in Ho et al. */
    public int embeddingDim() {
        return 4 * widths.get(0);
    }

    /** Number of values per image, D = C * H * W. */
    public int dims() {
        return channels * imageSize * imageSize;
    }

    public boolean conditional() {
        return numClasses > 0;
    }

    public NoiseSchedule noiseSchedule() {
        return NoiseSchedule.of(schedule, timesteps);
    }

    public DiffusionConfig withWidths(List<Integer> w, int blocks) {
        return new DiffusionConfig(channels, imageSize, w, blocks, attention, heads, dropout, groups, timesteps,
                schedule, prediction, numClasses, labelDropout);
    }

    public DiffusionConfig withAttention(boolean a, int h) {
        return new DiffusionConfig(channels, imageSize, widths, resBlocks, a, h, dropout, groups, timesteps,
                schedule, prediction, numClasses, labelDropout);
    }

    public DiffusionConfig withDropout(double d) {
        return new DiffusionConfig(channels, imageSize, widths, resBlocks, attention, heads, d, groups, timesteps,
                schedule, prediction, numClasses, labelDropout);
    }

    public DiffusionConfig withSchedule(NoiseSchedule.Kind s, int t) {
        return new DiffusionConfig(channels, imageSize, widths, resBlocks, attention, heads, dropout, groups, t,
                s, prediction, numClasses, labelDropout);
    }

    public DiffusionConfig withPrediction(Prediction p) {
        return new DiffusionConfig(channels, imageSize, widths, resBlocks, attention, heads, dropout, groups,
                timesteps, schedule, p, numClasses, labelDropout);
    }

    public DiffusionConfig withClasses(int k, double labelDrop) {
        return new DiffusionConfig(channels, imageSize, widths, resBlocks, attention, heads, dropout, groups,
                timesteps, schedule, prediction, k, labelDrop);
    }
}
