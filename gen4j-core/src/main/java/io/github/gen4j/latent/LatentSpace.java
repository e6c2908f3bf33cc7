package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/**
 * A trained model's latent space: the coordinates in which gen4j interpolates, does arithmetic and
 * traverses. Each family has its own (its registration's
 * {@code family.Family#latentSpace}); all have a standard-normal prior
 * N(0, I), so seeds give comparable latents and {@link Interpolation#SLERP} applies to every family.
 *
 * <p>Shapes: images in are raw pixels (B, C, H, W) float32 0..255, images out (B, C, H, W) in [0, 1];
 * latents (B, D). The class condition {@code cond} is (B, K) float32 class weights: a one-hot row asks
 * for one class, a mixed row (e.g. 0.3 of class 3 and 0.7 of class 7) interpolates between classes; null
 * for an unconditional model (a conditional model then gets a one-line error, except diffusion, whose
 * unconditional mode is part of the model).
 */
public interface LatentSpace {

    /** The model family ("vae", "gan", "flow", "diffusion"). */
    String family();

    /** How images map to latents, for reports: "posterior mean", "exact (flow)", ... */
    String encoding();

    /** D, the number of values in one latent. */
    int dim();

    /** K, the classes of a conditional model, 0 if unconditional. */
    int numClasses();

    /** Image channels C. */
    int channels();

    /** Image height = width. */
    int imageSize();

    /** Latents (B, D) of raw images (B, C, H, W) 0..255. */
    NDArray encode(NDManager m, NDArray raw, NDArray cond);

    /** Images (B, C, H, W) in [0, 1] of latents (B, D). */
    NDArray decode(NDManager m, NDArray z, NDArray cond);

    /**
     * The prior latent of a seed, z ~ N(0, I) of size D, drawn on the host (java.util.Random), so that a
     * seed means the same latent on every device and engine.
     */
    default float[] seedLatent(long seed) {
        Random r = new Random(seed);
        float[] z = new float[dim()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }
}
