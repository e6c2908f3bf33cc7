/**
 * The VAE family: the convolutional encoder and decoder as one DJL block
 * ({@link io.github.gen4j.vae.ConvVae}), its typed config and presets ({@link io.github.gen4j.vae.VaeConfig}:
 * widths, latent size, beta, decoder likelihood, classes), the
 * decoder distributions ({@link io.github.gen4j.vae.Likelihood}: sigma-VAE Gaussian, discretized Gaussian and logistic,
 * Bernoulli) and the task for the training core ({@link io.github.gen4j.vae.VaeTask}: the objective, the ELBO
 * and importance-weighted IWAE bounds in bits/dim, sampling and reconstruction).
 *
 * <p>Not here: the training loop, EMA and checkpoints ({@code train}); the VAE's latent space for
 * interpolation and arithmetic ({@code latent.VaeLatent}); the 2D toy VAE ({@code toy.ToyVae}); the VAE-GAN
 * and the GAN started from a VAE's decoder ({@code hybrid}); the family's registration
 * ({@code family.VaeFamily}).
 */
package io.github.gen4j.vae;
