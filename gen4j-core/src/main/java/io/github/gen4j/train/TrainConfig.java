package io.github.gen4j.train;

/**
 * How long and how to train, independent of the model family. Immutable; saved in {@code config.json}.
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
 * @param checkpointSeconds also write a checkpoint when this many seconds passed since the last one
 * @param keepCheckpoints how many step checkpoints to keep (older ones are deleted)
 * @param nanPolicy what to do when a loss or gradient is NaN or infinite
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

    /** What the training core does on a non-finite loss or gradient. */
    public enum NanPolicy {
        /** Stop with a clear message; the last good checkpoint stays the newest. */
        STOP,
        /** Reload the last good checkpoint, halve the learning rate, and go on. */
        ROLLBACK
    }

    public TrainConfig {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        if (budgetSeconds < 0) {
            throw new IllegalArgumentException("--budget must be >= 0, got " + budgetSeconds);
        }
        if (steps == 0 && budgetSeconds == 0) {
            throw new IllegalArgumentException("give a number of --steps or a --budget (or both)");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be > 0, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("--ema must be in [0, 1), got " + emaDecay);
        }
        if (gradClip < 0 || warmupSteps < 0 || minLrRatio < 0 || minLrRatio > 1) {
            throw new IllegalArgumentException("bad schedule: clip, warm-up >= 0 and min-lr ratio in [0,1]");
        }
        if (logEvery <= 0 || checkpointEvery <= 0 || keepCheckpoints <= 0) {
            throw new IllegalArgumentException("--log-every, --checkpoint-every and --keep must be > 0");
        }
        if (sampleEvery < 0 || evalEvery < 0 || checkpointSeconds < 0 || maxRollbacks < 0) {
            throw new IllegalArgumentException("--sample-every, --eval-every, rollbacks must be >= 0");
        }
        if (nanPolicy == null) {
            nanPolicy = NanPolicy.STOP;
        }
    }

    /** Sensible defaults for a short likelihood-model run (Adam 1e-3, cosine, EMA 0.999). */
    public static TrainConfig defaults() {
        return new TrainConfig(
                0, 120, 128, 1e-3, 0.9, 0.999, 0, 100, true, 0.05, 100, 0.999, 50, 500, 500, 1000, 300,
                3, NanPolicy.STOP, 3, 42);
    }

    public TrainConfig withSteps(long s) {
        return new TrainConfig(s, budgetSeconds, batchSize, lr, beta1, beta2, weightDecay, warmupSteps,
                cosine, minLrRatio, gradClip, emaDecay, logEvery, sampleEvery, evalEvery, checkpointEvery,
                checkpointSeconds, keepCheckpoints, nanPolicy, maxRollbacks, seed);
    }

    public TrainConfig withBudget(double seconds) {
        return new TrainConfig(steps, seconds, batchSize, lr, beta1, beta2, weightDecay, warmupSteps,
                cosine, minLrRatio, gradClip, emaDecay, logEvery, sampleEvery, evalEvery, checkpointEvery,
                checkpointSeconds, keepCheckpoints, nanPolicy, maxRollbacks, seed);
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
}
