package io.github.gen4j.train;

import java.util.List;

/**
 * How long and how to train, independent of the model family. Immutable; saved in {@code config.json} under
 * {@code "train"} with exactly these component names (files written before the builder existed load unchanged).
 *
 * <p>Build one with {@link #builder()} (every value not set keeps the default below) or change one with
 * {@link #toBuilder()}. The {@code DEFAULT_*} constants are the only copy of the defaults: {@code gen4j train}'s
 * options and help texts and {@code gen4j compare}'s shared settings are derived from them. Every constructor
 * call, whether from {@link Builder#build()} or from Jackson reading a {@code config.json}, checks the values
 * and names the offending field ({@link InvalidTrainConfigException}).
 *
 * @param steps number of optimizer steps; 0 means "until the wall-clock budget runs out"
 * @param budgetSeconds wall-clock budget in seconds (training time only, summed over resumes); 0 = none
 * @param batchSize images per step
 * @param lr peak learning rate of the Adam optimizers
 * @param beta1 Adam first-moment decay (0.9 for likelihood models; GANs use 0.0-0.5)
 * @param beta2 Adam second-moment decay
 * @param weightDecay decoupled (AdamW) weight decay; 0 = plain Adam
 * @param warmupSteps linear warm-up from 0 to {@code lr} over this many steps
 * @param cosine decay the learning rate along a half cosine to {@code minLrRatio * lr} by the end
 * @param minLrRatio final learning rate as a fraction of the peak
 * @param gradClip clip the global gradient L2 norm of each optimizer to this; 0 = no clipping
 * @param emaDecay decay of the exponential moving average of the weights used for sampling; 0 = off
 * @param logEvery write a metrics line every this many steps
 * @param sampleEvery write sample grids every this many steps (and at the end); 0 = only at the end
 * @param evalEvery evaluate on held-out images every this many steps (and at the end); 0 = only at end
 * @param checkpointEvery write a checkpoint every this many steps (and at the end)
 * @param checkpointSeconds also write a checkpoint when this many seconds passed since the last one; 0 = never
 * @param keepCheckpoints how many step checkpoints to keep (older ones are deleted)
 * @param nanPolicy what to do when a loss or gradient is NaN or infinite ({@code null}, in old files: STOP)
 * @param maxRollbacks with {@link NanPolicy#ROLLBACK}: give up after this many rollbacks
 * @param seed the seed of every random choice (initialization, batches, noise)
 */
public record TrainConfig(
        long steps,
        double budgetSeconds,
        int batchSize,
        double lr,
        double beta1,
        double beta2,
        double weightDecay,
        int warmupSteps,
        boolean cosine,
        double minLrRatio,
        double gradClip,
        double emaDecay,
        int logEvery,
        int sampleEvery,
        int evalEvery,
        int checkpointEvery,
        double checkpointSeconds,
        int keepCheckpoints,
        NanPolicy nanPolicy,
        int maxRollbacks,
        long seed) {

    /** Length when neither steps nor a budget is given: five minutes, enough for recognizable samples. */
    public static final double DEFAULT_BUDGET_SECONDS = 300;
    /** 128 images per step: the batch of the parity benchmark's PyTorch references (bench/parity.py). */
    public static final int DEFAULT_BATCH_SIZE = 128;
    /** Adam's peak rate for the likelihood families (VAE, flow, diffusion); GAN recipes bring their own. */
    public static final double DEFAULT_LR = 1e-3;
    /** Adam's published first-moment decay (Kingma and Ba 2015). */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Adam's published second-moment decay (Kingma and Ba 2015). */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Plain Adam: runs of minutes do not overfit, so no regularizing decay by default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    /** A short linear warm-up: Adam's first second-moment estimates are poor and would take large steps. */
    public static final int DEFAULT_WARMUP_STEPS = 100;
    /** Half-cosine decay, so the last steps refine the weights instead of moving them at the peak rate. */
    public static final boolean DEFAULT_COSINE = true;
    /** The cosine ends at 5% of the peak rather than at 0, so the last steps still learn. */
    public static final double DEFAULT_MIN_LR_RATIO = 0.05;
    /** A loose clip: a guard against rare gradient spikes that leaves ordinary steps alone. */
    public static final double DEFAULT_GRAD_CLIP = 100;
    /** Sample from weights averaged over roughly the last 1,000 steps: smoother samples than the raw ones. */
    public static final double DEFAULT_EMA_DECAY = 0.999;
    /** A loss curve of 20 points per 1,000 steps at the cost of one metrics line each. */
    public static final int DEFAULT_LOG_EVERY = 50;
    /**
     * Sample grids every 1,000 steps (the value {@code gen4j train --help} has always shown): a grid costs a
     * full sampling pass, which for diffusion is many network evaluations.
     */
    public static final int DEFAULT_SAMPLE_EVERY = 1000;
    /** Held-out losses every 500 steps: the curve that shows over-fitting, at a few batches' cost. */
    public static final int DEFAULT_EVAL_EVERY = 500;
    /** A checkpoint every 1,000 steps, as the sample grids: a resume never repeats more than that. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
    /** Also every five minutes, so that a crash of a slow run loses at most five minutes of training. */
    public static final double DEFAULT_CHECKPOINT_SECONDS = 300;
    /** The last three step checkpoints: enough to roll back past a bad one without filling the disk. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;
    /** Stop on NaN: a user sees the failure instead of a run that silently changed its learning rate. */
    public static final NanPolicy DEFAULT_NAN_POLICY = NanPolicy.STOP;
    /** With rollback: three failures in one run mean the recipe, not bad luck, is the problem. */
    public static final int DEFAULT_MAX_ROLLBACKS = 3;
    /** The seed of the CLI's {@code --seed} default, so library and CLI runs reproduce each other. */
    public static final long DEFAULT_SEED = 42;

    /** What the training core does on a non-finite loss or gradient. */
    public enum NanPolicy {
        /** Stop with a clear message; the last good checkpoint stays the newest. */
        STOP,
        /** Reload the last good checkpoint, halve the learning rate, and go on. */
        ROLLBACK
    }

    public TrainConfig {
        atLeast(steps, 0, "steps");
        atLeast(budgetSeconds, 0, "budgetSeconds");
        if (Double.isInfinite(budgetSeconds)) {
            throw new InvalidTrainConfigException(List.of("budgetSeconds"), "must be finite (0 = none)", budgetSeconds);
        }
        if (steps == 0 && budgetSeconds == 0) {
            throw new InvalidTrainConfigException(List.of("steps", "budgetSeconds"),
                    "cannot both be 0 (0 means no limit: training would never end)", null);
        }
        atLeast(batchSize, 1, "batchSize");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidTrainConfigException(List.of("lr"), "must be a finite number > 0", lr);
        }
        unitInterval(beta1, "beta1");
        unitInterval(beta2, "beta2");
        atLeast(weightDecay, 0, "weightDecay");
        if (Double.isInfinite(weightDecay) || Double.isInfinite(gradClip)) {
            throw new InvalidTrainConfigException(List.of(Double.isInfinite(gradClip) ? "gradClip" : "weightDecay"),
                    "must be finite", Double.isInfinite(gradClip) ? gradClip : weightDecay);
        }
        atLeast(warmupSteps, 0, "warmupSteps");
        if (!(minLrRatio >= 0 && minLrRatio <= 1)) { // NaN too
            throw new InvalidTrainConfigException(List.of("minLrRatio"), "must be in [0, 1]", minLrRatio);
        }
        atLeast(gradClip, 0, "gradClip");
        unitInterval(emaDecay, "emaDecay");
        atLeast(logEvery, 1, "logEvery");
        atLeast(sampleEvery, 0, "sampleEvery");
        atLeast(evalEvery, 0, "evalEvery");
        atLeast(checkpointEvery, 1, "checkpointEvery");
        atLeast(checkpointSeconds, 0, "checkpointSeconds");
        atLeast(keepCheckpoints, 1, "keepCheckpoints");
        atLeast(maxRollbacks, 0, "maxRollbacks");
        if (nanPolicy == null) {
            nanPolicy = NanPolicy.STOP;
        }
    }

    private static void atLeast(double value, double min, String field) {
        if (!(value >= min)) {
            throw new InvalidTrainConfigException(List.of(field), "must be >= " + (long) min, value);
        }
    }

    private static void atLeast(long value, long min, String field) {
        if (value < min) {
            throw new InvalidTrainConfigException(List.of(field), "must be >= " + min, value);
        }
    }

    private static void unitInterval(double value, String field) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidTrainConfigException(List.of(field), "must be in [0, 1)", value);
        }
    }

    /** A builder holding every default; see {@link Builder} for how steps and budget combine. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The learning-rate multiplier (0..1) at a step: linear warm-up, then an optional half-cosine
     * decay driven by {@code progress} in [0, 1] (step fraction, or elapsed-budget fraction).
     */
    public double lrFactor(long step, double progress) {
        double f = warmupSteps > 0 ? Math.min(1.0, (step + 1.0) / warmupSteps) : 1.0;
        if (cosine) {
            double p = Math.max(0, Math.min(1, progress));
            f *= minLrRatio + (1 - minLrRatio) * 0.5 * (1 + Math.cos(Math.PI * p));
        }
        return f;
    }

    /**
     * Collects the values of a {@link TrainConfig}; every value not set keeps its {@code DEFAULT_*}.
     *
     * <p>The length: only {@link #steps} trains that many steps; only {@link #budgetSeconds} trains that long;
     * both end at whichever comes first; neither trains for {@link #DEFAULT_BUDGET_SECONDS}.
     */
    public static final class Builder {
        private Long steps;
        private Double budgetSeconds;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double lr = DEFAULT_LR;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private int warmupSteps = DEFAULT_WARMUP_STEPS;
        private boolean cosine = DEFAULT_COSINE;
        private double minLrRatio = DEFAULT_MIN_LR_RATIO;
        private double gradClip = DEFAULT_GRAD_CLIP;
        private double emaDecay = DEFAULT_EMA_DECAY;
        private int logEvery = DEFAULT_LOG_EVERY;
        private int sampleEvery = DEFAULT_SAMPLE_EVERY;
        private int evalEvery = DEFAULT_EVAL_EVERY;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private double checkpointSeconds = DEFAULT_CHECKPOINT_SECONDS;
        private int keepCheckpoints = DEFAULT_KEEP_CHECKPOINTS;
        private NanPolicy nanPolicy = DEFAULT_NAN_POLICY;
        private int maxRollbacks = DEFAULT_MAX_ROLLBACKS;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        private Builder(TrainConfig c) {
            steps = c.steps;
            budgetSeconds = c.budgetSeconds;
            batchSize = c.batchSize;
            lr = c.lr;
            beta1 = c.beta1;
            beta2 = c.beta2;
            weightDecay = c.weightDecay;
            warmupSteps = c.warmupSteps;
            cosine = c.cosine;
            minLrRatio = c.minLrRatio;
            gradClip = c.gradClip;
            emaDecay = c.emaDecay;
            logEvery = c.logEvery;
            sampleEvery = c.sampleEvery;
            evalEvery = c.evalEvery;
            checkpointEvery = c.checkpointEvery;
            checkpointSeconds = c.checkpointSeconds;
            keepCheckpoints = c.keepCheckpoints;
            nanPolicy = c.nanPolicy;
            maxRollbacks = c.maxRollbacks;
            seed = c.seed;
        }

        /** Checks the values (see {@link TrainConfig}) and returns the config. */
        public TrainConfig build() {
            long s = steps != null ? steps : 0;
            double b = budgetSeconds != null ? budgetSeconds : steps != null ? 0 : DEFAULT_BUDGET_SECONDS;
            return new TrainConfig(s, b, batchSize, lr, beta1, beta2, weightDecay, warmupSteps, cosine, minLrRatio,
                    gradClip, emaDecay, logEvery, sampleEvery, evalEvery, checkpointEvery, checkpointSeconds,
                    keepCheckpoints, nanPolicy, maxRollbacks, seed);
        }

        /** @see TrainConfig#steps() */
        public Builder steps(long value) {
            steps = value;
            return this;
        }

        /** @see TrainConfig#budgetSeconds() */
        public Builder budgetSeconds(double value) {
            budgetSeconds = value;
            return this;
        }

        /** @see TrainConfig#batchSize() */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** @see TrainConfig#lr() */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** @see TrainConfig#beta1() */
        public Builder beta1(double value) {
            beta1 = value;
            return this;
        }

        /** @see TrainConfig#beta2() */
        public Builder beta2(double value) {
            beta2 = value;
            return this;
        }

        /** @see TrainConfig#weightDecay() */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** @see TrainConfig#warmupSteps() */
        public Builder warmupSteps(int value) {
            warmupSteps = value;
            return this;
        }

        /** @see TrainConfig#cosine() */
        public Builder cosine(boolean value) {
            cosine = value;
            return this;
        }

        /** @see TrainConfig#minLrRatio() */
        public Builder minLrRatio(double value) {
            minLrRatio = value;
            return this;
        }

        /** @see TrainConfig#gradClip() */
        public Builder gradClip(double value) {
            gradClip = value;
            return this;
        }

        /** @see TrainConfig#emaDecay() */
        public Builder emaDecay(double value) {
            emaDecay = value;
            return this;
        }

        /** @see TrainConfig#logEvery() */
        public Builder logEvery(int value) {
            logEvery = value;
            return this;
        }

        /** @see TrainConfig#sampleEvery() */
        public Builder sampleEvery(int value) {
            sampleEvery = value;
            return this;
        }

        /** @see TrainConfig#evalEvery() */
        public Builder evalEvery(int value) {
            evalEvery = value;
            return this;
        }

        /** @see TrainConfig#checkpointEvery() */
        public Builder checkpointEvery(int value) {
            checkpointEvery = value;
            return this;
        }

        /** @see TrainConfig#checkpointSeconds() */
        public Builder checkpointSeconds(double value) {
            checkpointSeconds = value;
            return this;
        }

        /** @see TrainConfig#keepCheckpoints() */
        public Builder keepCheckpoints(int value) {
            keepCheckpoints = value;
            return this;
        }

        /** @see TrainConfig#nanPolicy() */
        public Builder nanPolicy(NanPolicy value) {
            nanPolicy = value;
            return this;
        }

        /** @see TrainConfig#maxRollbacks() */
        public Builder maxRollbacks(int value) {
            maxRollbacks = value;
            return this;
        }

        /** @see TrainConfig#seed() */
        public Builder seed(long value) {
            seed = value;
            return this;
        }
    }
}
