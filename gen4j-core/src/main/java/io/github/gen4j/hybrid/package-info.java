/**
 * Hybrids of the VAE and GAN families, built by composing their parts rather than copying them:
 * the VAE-GAN of Larsen et al. 2016 ({@link io.github.gen4j.hybrid.VaeGanTask}, {@link
 * io.github.gen4j.hybrid.VaeGanConfig}: a {@link io.github.gen4j.vae.ConvVae} whose reconstruction is
 * measured in the features of a {@link io.github.gen4j.gan.DcganDiscriminator}, family "vaegan"), and the
 * VAE-pretrained ("unbalanced") GAN of Ham et al. 2020 ({@link io.github.gen4j.hybrid.VaePretrainedGan}: a
 * GAN whose generator starts as a trained VAE's decoder; its runs are ordinary "gan" runs).
 *
 * <p>Not here: the networks themselves (packages {@code vae} and {@code gan}: the decoder-shaped generator
 * is {@link io.github.gen4j.gan.VaeDecoderGenerator}), the training loop ({@code train}).
 */
package io.github.gen4j.hybrid;
