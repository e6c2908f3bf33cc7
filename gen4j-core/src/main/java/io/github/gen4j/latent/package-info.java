/**
 * Latent-space tools across families: each family's latent ({@link io.github.gen4j.latent.LatentSpace}:
 * VAE posterior mean, GAN z with {@link io.github.gen4j.latent.LatentRecovery} by optimization, flow exact
 * encoding, diffusion DDIM inversion), {@link io.github.gen4j.latent.Interpolation} (lerp, norm-keeping
 * slerp) and {@link io.github.gen4j.latent.Interpolations} (strips, PNG and animated GIF),
 * {@link io.github.gen4j.latent.ClassMeans} and {@link io.github.gen4j.latent.Arithmetic} (attribute
 * vectors), {@link io.github.gen4j.latent.Traversal} (one coordinate at a time, for beta-VAEs), and
 * {@link io.github.gen4j.latent.Smoothness} (feature distance between consecutive interpolation frames).
 * Not here: the families' networks and samplers (their own packages), metrics of sample sets (eval), which
 * latent space a loaded model has (its registration in {@code family}, which imports this package).
 */
package io.github.gen4j.latent;
