package io.github.gen4j.model;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;

/**
 * A model that assigns (a bound on) the likelihood of 8-bit images, reported in bits per dimension:
 * -log2 P(x) / D for the pixel values x (exact for flows, upper bounds for VAEs and diffusion).
 */
public interface LikelihoodModel {

    /**
     * Negative log-likelihood estimates for the images of {@code batch}, summed over the batch (so that
     * batches can be pooled), as named bounds in bits/dim times the number of images. Keys are stable
     * names such as "elbo_bpd" and "iwae_bpd".
     *
     * @param samples importance samples or other family-specific sample count (e.g. IWAE k)
     */
    java.util.Map<String, Double> bitsPerDimSum(NDManager manager, Batch batch, int samples);
}
