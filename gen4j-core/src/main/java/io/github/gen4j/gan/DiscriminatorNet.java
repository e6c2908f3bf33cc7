package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A GAN discriminator (critic). Its score of a sample depends on that sample only (no batch statistics),
 * which the gradient penalties rely on: the gradient of the summed scores with respect to the batch is the
 * stack of per-sample gradients.
 */
public interface DiscriminatorNet extends Block {

    /**
     * @param x (B, ...) samples in the data's scale
     * @param oneHot (B, K) float one-hot labels, or null for an unconditional discriminator
     * @return (B) raw scores (logits or critic values)
     */
    NDArray score(ParameterStore ps, NDArray x, NDArray oneHot, boolean training);
}
