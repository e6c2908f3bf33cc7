package io.github.gen4j.model;

/**
 * Progress of one {@link ImageGenerator#generate} call that runs in steps (a diffusion sampler), so that
 * a caller can show a progress bar. Families that generate in one pass never call it.
 */
@FunctionalInterface
public interface SamplingProgress {

    /** Called after each step with the number of steps done so far and the total of this call. */
    void onStep(int done, int total);
}
