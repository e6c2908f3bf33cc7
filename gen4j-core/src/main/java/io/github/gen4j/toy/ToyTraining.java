package io.github.gen4j.toy;

/**
 * How a toy model is trained and evaluated.
 *
 * @param steps optimizer steps
 * @param batchSize points per step, fresh from the distribution each step
 * @param lr Adam learning rate (constant)
 * @param seed seed of initialization, data, noise and the final samples
 * @param samples model samples drawn at the end (scatter plot and metrics)
 * @param gridSize cells per side of the density grid (0 = no density grid)
 * @param logEvery steps per entry of the loss curve (its mean over those steps)
 * @param clip maximum global gradient norm (0 = no clipping); the flow's rare loss spikes need it
 */
public record ToyTraining(int steps, int batchSize, double lr, long seed, int samples, int gridSize, int logEvery,
        double clip) {

    public ToyTraining {
        if (steps <= 0 || batchSize <= 1 || samples <= 1 || logEvery <= 0) {
            throw new IllegalArgumentException("--steps > 0, batch size > 1, samples > 1 and log interval > 0 required");
        }
        if (!(lr > 0) || gridSize < 0 || gridSize == 1 || !(clip >= 0)) {
            throw new IllegalArgumentException("learning rate > 0 and grid size 0 or >= 2 required");
        }
    }

    /**
     * Batch 256, Adam 1e-3, gradients clipped to norm 1, 2000 samples, a 64 x 64 density grid, the loss
     * logged every 50 steps (every steps / 10 in short runs).
     */
    public static ToyTraining defaults(int steps, long seed) {
        return new ToyTraining(steps, 256, 1e-3, seed, 2000, 64, Math.max(1, Math.min(50, steps / 10)), 1.0);
    }

    public ToyTraining withLr(double v) {
        return new ToyTraining(steps, batchSize, v, seed, samples, gridSize, logEvery, clip);
    }

    public ToyTraining withBatchSize(int b) {
        return new ToyTraining(steps, b, lr, seed, samples, gridSize, logEvery, clip);
    }

    public ToyTraining withSamples(int n, int grid) {
        return new ToyTraining(steps, batchSize, lr, seed, n, grid, logEvery, clip);
    }
}
