/**
 * Shared, stable network building blocks used by more than one family: nearest-neighbour
 * {@link io.github.gen4j.nn.Upsample}, {@link io.github.gen4j.nn.GroupNorm} (DJL has none), the
 * sinusoidal {@link io.github.gen4j.nn.TimeEmbedding}, the pre-activation
 * {@link io.github.gen4j.nn.ResidualBlock} with an optional conditioning vector, and pixel
 * {@link io.github.gen4j.nn.SelfAttention}. A family's own architecture (a U-Net, a VAE) lives in its
 * package, not here.
 */
package io.github.gen4j.nn;
