package io.github.gen4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A trained model that can draw new images. */
public interface ImageGenerator {

    /**
     * Draws {@code n} images, (N, C, H, W) float32 in [0, 1], on {@code manager}. Randomness comes from
     * the engine's generator (seed it for reproducible samples).
     */
    NDArray generate(NDManager manager, int n, SampleOptions options);

    /** Number of classes a conditional model can be asked for; 0 if unconditional. */
    int numClasses();
}
