package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.function.IntConsumer;

/**
 * A sampling algorithm for the reverse diffusion process: given a noise predictor it turns noise into
 * data. One algorithm per class ({@link DdpmSampler}, {@link DdimSampler}, {@link DpmSolverSampler});
 * the network is not part of it (it comes in as a {@link NoisePredictor}), so training and every sampler
 * share the same model and {@link NoiseSchedule}.
 *
 * <p>Memory: every step runs in its own sub-manager of the input's manager; only the current iterate
 * (and a multistep solver's history) survives a step, so a 1000-step run uses the memory of one step.
 */
public interface Sampler {

    /** The name used by {@code --sampler}. */
    String name();

    NoiseSchedule schedule();

    /** Model evaluations used when the user asks for none in particular. */
    int defaultSteps();

    /**
     * Runs the reverse process through {@code timesteps} (descending, each visited once, one model
     * evaluation each) and returns clean data.
     *
     * @param x (B, C, H, W) the starting point at noise level {@code timesteps[0]} (not modified)
     * @param progress called with the number of steps done after each step, may be null
     * @return (B, C, H, W) the sample at noise level 0 (clean data, in the model's [-1, 1] space), on x's
     *     manager
     */
    NDArray sample(NoisePredictor model, NDArray x, int[] timesteps, IntConsumer progress);

    /**
     * The {@code steps} levels (descending, ending at 0) this algorithm visits when it starts at level
     * {@code from}; by default evenly spaced in t.
     */
    default int[] timesteps(int from, int steps) {
        return schedule().spacedTimesteps(from, steps);
    }

    /** Samples from pure noise {@code xT} (B, C, H, W) ~ N(0, I) in {@code steps} steps. */
    default NDArray sample(NoisePredictor model, NDArray xT, int steps, IntConsumer progress) {
        return sample(model, xT, timesteps(schedule().timesteps() - 1, steps), progress);
    }
}
