package io.github.gen4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A model with an explicit latent space: images map to latent vectors and latent vectors to images.
 * For a normalizing flow both directions are exact inverses; other families may implement an
 * approximate encoder. Used by {@code gen4j encode}/{@code decode} and latent-space tools
 * (interpolation, arithmetic).
 */
public interface LatentCodec {

    /** Number of values in one image's latent vector. */
    int latentDim();

    /**
     * Encodes raw (B, C, H, W) pixel values 0..255 (labels (B) int32 for a conditional model, else
     * null) to latents (B, latentDim).
     */
    NDArray encode(NDManager manager, NDArray raw, NDArray labels);

    /** Decodes latents (B, latentDim) to images (B, C, H, W) in [0, 1]. */
    NDArray decode(NDManager manager, NDArray z, NDArray labels);
}
