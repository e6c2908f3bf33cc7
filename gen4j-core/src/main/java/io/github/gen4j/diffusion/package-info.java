/**
 * The diffusion family: {@link io.github.gen4j.diffusion.DiffusionConfig}, the
 * {@link io.github.gen4j.diffusion.UNet}, {@link io.github.gen4j.diffusion.DiffusionTask} (training with
 * eps- or v-prediction, classifier-free guidance, sampling through any sampler, the variational bound in
 * bits/dim) and {@link io.github.gen4j.diffusion.DiffusionEditing} (DDIM inversion, denoising,
 * inpainting). Noise schedules and sampling algorithms live in
 * {@code io.github.gen4j.diffusion.sampler}; shared blocks (GroupNorm, residual blocks, attention, time
 * embedding) in {@code io.github.gen4j.nn}.
 */
package io.github.gen4j.diffusion;
