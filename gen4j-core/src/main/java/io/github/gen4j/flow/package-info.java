/**
 * Normalizing flows: RealNVP (Dinh et al. 2017) and Glow (Kingma & Dhariwal 2018) multi-scale flows with
 * exact log-likelihood and an exactly invertible map between images and latents.
 *
 * <p>Layers, each a {@link io.github.gen4j.flow.FlowLayer} with forward, inverse and log-determinant:
 * {@link io.github.gen4j.flow.Preprocess} (logit transform), {@link io.github.gen4j.flow.Squeeze},
 * {@link io.github.gen4j.flow.ActNorm}, {@link io.github.gen4j.flow.InvConv1x1} (LU form),
 * {@link io.github.gen4j.flow.AffineCoupling} (channel and checkerboard masks),
 * {@link io.github.gen4j.flow.Split} and {@link io.github.gen4j.flow.TopPrior} (learned, optionally
 * class-conditional Gaussian priors). {@link io.github.gen4j.flow.MultiScaleFlow} stacks them as a
 * {@link io.github.gen4j.flow.FlowConfig} says; {@link io.github.gen4j.flow.FlowTask} plugs the family
 * into the training core and implements sampling (with temperature), exact bits/dim, and encode/decode.
 *
 * <p>Not here: the training loop (package {@code train}) and evaluation across families ({@code eval}).
 */
package io.github.gen4j.flow;
