package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** A GAN generator: latent z (B, Z) and, for a conditional model, a one-hot label (B, K) to a sample. */
public interface GeneratorNet extends Block {

    /**
     * @param z (B, Z) latent codes
     * @param oneHot (B, K) float one-hot labels, or null for an unconditional generator
     * @return (B, ...) samples in the data's scale ([-1, 1] pixels for images)
     */
    NDArray generate(ParameterStore ps, NDArray z, NDArray oneHot, boolean training);

    /** Z, the latent dimension. */
    int latentDim();
}
