package io.github.gen4j.toy;

import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.GanSteps;

/**
 * The 2D toy GAN: small MLPs trained on points of a {@link ToyDistribution} with the same
 * {@link GanSteps} and {@link GanRecipe} as the image GAN.
 *
 * @param latentDim Z of the generator's Gaussian input
 * @param hidden width of the MLPs' hidden layers
 * @param layers hidden layers per network
 * @param batchSize points per step (split over D steps like image batches)
 * @param steps training steps (each: dSteps D updates, one G update)
 * @param plotEvery a scatter plot and a coverage count every this many steps (and at the end)
 * @param samples generator samples drawn for each plot and coverage count
 * @param emaDecay EMA of the generator weights used for plots and coverage; 0 = off
 * @param recipe loss, stabilizers, optimizers
 * @param seed seed of initialization, data and noise
 */
public record ToyGanConfig(
        int latentDim,
        int hidden,
        int layers,
        int batchSize,
        int steps,
        int plotEvery,
        int samples,
        double emaDecay,
        GanRecipe recipe,
        long seed) {

    public ToyGanConfig {
        if (latentDim <= 0 || hidden <= 0 || layers <= 0) {
            throw new IllegalArgumentException("--latent, --hidden and --layers must be > 0");
        }
        if (batchSize <= 1 || steps <= 0 || plotEvery <= 0 || samples <= 1) {
            throw new IllegalArgumentException("--batch-size > 1, --steps, --plot-every and --samples > 0 required");
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("--ema must be in [0, 1), got " + emaDecay);
        }
        if (recipe == null) {
            throw new IllegalArgumentException("a recipe is required");
        }
    }

    /** Learning rates of the toy relative to the image presets' (the toy trains for hundreds of steps). */
    public static final double LR_SCALE = 25;

    /**
     * A preset's recipe for the toy: the same loss, penalties, spectral norm, betas and D steps, and the same
     * lrD / lrG ratio, with both learning rates x{@link #LR_SCALE} (plain: 5e-3; stabilized: G 2.5e-3,
     * D 1e-2). Small MLPs on 2D points tolerate these steps; at the image rates the toy needs thousands of
     * steps before any structure appears (measured: at x5, 400 steps give one blob for every preset).
     */
    public static GanRecipe toyRecipe(GanPreset preset) {
        GanRecipe r = preset.recipe();
        return r.withLr(r.lrG() * LR_SCALE, r.lrD() * LR_SCALE);
    }

    /** Points each discriminator update sees by default. */
    public static final int POINTS_PER_D_STEP = 256;

    /**
     * The toy for a preset: Z = 8, 3 hidden layers of 128, 2000 steps, plots every 500, and a batch of
     * {@link #POINTS_PER_D_STEP} x the preset's D steps, so that every D update sees 256 points (a step's
     * batch is split over its D updates, see {@link GanSteps}; WGAN-GP's 5 critic steps get 1280 points).
     */
    public static ToyGanConfig defaults(GanPreset preset) {
        return new ToyGanConfig(8, 128, 3, POINTS_PER_D_STEP * preset.recipe().dSteps(), 2000, 500, 2500,
                preset.emaDecay(), toyRecipe(preset), 42);
    }

    public ToyGanConfig withSteps(int s, int every) {
        return new ToyGanConfig(latentDim, hidden, layers, batchSize, s, every, samples, emaDecay, recipe, seed);
    }

    public ToyGanConfig withBatchSize(int b) {
        return new ToyGanConfig(latentDim, hidden, layers, b, steps, plotEvery, samples, emaDecay, recipe, seed);
    }

    public ToyGanConfig withRecipe(GanRecipe r, double ema) {
        return new ToyGanConfig(latentDim, hidden, layers, batchSize, steps, plotEvery, samples, ema, r, seed);
    }

    public ToyGanConfig withSeed(long s) {
        return new ToyGanConfig(latentDim, hidden, layers, batchSize, steps, plotEvery, samples, emaDecay, recipe, s);
    }

    public ToyGanConfig withSamples(int n) {
        return new ToyGanConfig(latentDim, hidden, layers, batchSize, steps, plotEvery, n, emaDecay, recipe, seed);
    }

    public ToyGanConfig withNetworks(int z, int h, int l) {
        return new ToyGanConfig(z, h, l, batchSize, steps, plotEvery, samples, emaDecay, recipe, seed);
    }
}
