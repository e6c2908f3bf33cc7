/**
 * The GAN family: DCGAN-style networks ({@link io.github.gen4j.gan.DcganGenerator},
 * {@link io.github.gen4j.gan.DcganDiscriminator} with a projection head for class-conditional GANs),
 * the losses ({@link io.github.gen4j.gan.GanLoss}: non-saturating, hinge, WGAN), input-gradient penalties
 * ({@link io.github.gen4j.gan.GradientPenalty}: WGAN-GP, R1), spectral normalization
 * ({@link io.github.gen4j.gan.SnLinear}, {@link io.github.gen4j.gan.SnConv2d}), the training recipe and
 * presets ({@link io.github.gen4j.gan.GanRecipe}, {@link io.github.gen4j.gan.GanPreset}: TTUR, Adam
 * betas, n D steps), the one adversarial step every GAN here uses ({@link io.github.gen4j.gan.GanSteps}),
 * the mode-collapse signal ({@link io.github.gen4j.gan.Diversity}), the task for the training core
 * ({@link io.github.gen4j.gan.GanTask}) and the 2D toy ({@link io.github.gen4j.gan.ToyGan}).
 *
 * <p>Not here: the training loop, EMA, checkpoints and the NaN guard (package {@code train}); toy
 * distributions and scatter plots (package {@code toy}, shared with other families).
 */
package io.github.gen4j.gan;
