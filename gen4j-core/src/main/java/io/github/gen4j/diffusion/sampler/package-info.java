/**
 * Noise schedules and sampling algorithms of diffusion models, separate from the networks ("the sampler
 * is not the network"): {@link io.github.gen4j.diffusion.sampler.NoiseSchedule} (linear and cosine,
 * the closed-form forward process and the variational-bound weights) with its device tables
 * {@link io.github.gen4j.diffusion.sampler.ScheduleTables}; the {@link
 * io.github.gen4j.diffusion.sampler.Sampler} interface with one algorithm per class: DDPM ancestral
 * sampling, DDIM (any steps, eta, and inversion) and DPM-Solver++(2M). A model enters only as a
 * {@link io.github.gen4j.diffusion.sampler.NoisePredictor}. Not here: networks, training, guidance
 * (all in {@code io.github.gen4j.diffusion}).
 */
package io.github.gen4j.diffusion.sampler;
