package io.github.gen4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** A model with an encoder that maps images to a latent and back. */
public interface Reconstructor {

    /**
     * Reconstructs images: raw (B, C, H, W) pixel values 0..255 and labels (B) int32 or null for a
     * conditional model; returns (B, C, H, W) in [0, 1].
     */
    NDArray reconstruct(NDManager manager, NDArray raw, NDArray labels);
}
