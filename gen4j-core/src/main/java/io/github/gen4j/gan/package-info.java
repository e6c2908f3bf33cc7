/**
 * The GAN family: DCGAN-style networks ({@link io.github.gen4j.gan.DcganGenerator},
 * {@link io.github.gen4j.gan.DcganDiscriminator} with a projection head for class-conditional GANs),
 * the losses ({@link io.github.gen4j.gan.GanLoss}: non-saturating, hinge, WGAN), input-gradient penalties
 * ({@link io.github.gen4j.gan.GradientPenalty}: WGAN-GP, R1), spectral normalization
 * ({@link io.github.gen4j.gan.SnLinear}, {@link io.github.gen4j.gan.SnConv2d}), the training recipe and
 * presets ({@link io.github.gen4j.gan.GanRecipe}, {@link io.github.gen4j.gan.GanPreset}: TTUR, Adam
 * betas, n D steps), the one adversarial step every GAN here uses ({@link io.github.gen4j.gan.GanSteps}),
 * the mode-collapse signal ({@link io.github.gen4j.gan.Diversity}), and the task for the training core
 * ({@link io.github.gen4j.gan.GanTask}). The base of the image generators is
 * {@link io.github.gen4j.gan.ImageGeneratorNet} (a network; the capability of a trained model to draw images is
 * {@code model.ImageGenerator}).
 *
 * <p>Not here: the training loop, EMA, checkpoints and the NaN guard (package {@code train}); the 2D toy
 * GAN ({@code toy.ToyGan}, with the other families' toys in package {@code toy}; it reuses this package's
 * {@link io.github.gen4j.gan.GanSteps} and MLP networks).
 */
package io.github.gen4j.gan;
