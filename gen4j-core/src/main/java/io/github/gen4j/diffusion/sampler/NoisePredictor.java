package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/**
 * What a sampler asks of a model: the noise eps_theta(x_t, t) in x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t)
 * eps. A trained network (with its prediction type, class and guidance folded in) is one; the
 * closed-form optimal predictor for Gaussian data is another (used to test samplers exactly).
 */
@FunctionalInterface
public interface NoisePredictor {

    /**
     * @param x (B, C, H, W) noisy images at level {@code t}
     * @param t the timestep index (0-based, the same for the whole batch)
     * @return (B, C, H, W) predicted noise, attached to x's manager
     */
    NDArray predictNoise(NDArray x, int t);
}
