package io.github.gen4j.hybrid;

import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanLoss;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import java.util.List;

/**
 * A VAE-GAN (Larsen et al. 2016, "Autoencoding beyond pixels using a learned similarity metric"): a VAE's
 * encoder and decoder and a GAN discriminator, whose l-th layer is the space the reconstruction error is
 * measured in. Immutable; saved in the run's {@code config.json}.
 *
 * @param vae encoder and decoder ({@link io.github.gen4j.vae.ConvVae}); its {@code beta} weights the KL
 *     term; its likelihood only chooses the decoder's output map (Bernoulli, the default: sigmoid, the
 *     paper's tanh rescaled to [0, 1]; a Gaussian: the mean clipped to [0, 1]). No pixel likelihood is
 *     trained: the reconstruction term lives in the discriminator's feature space.
 * @param discriminatorWidths channels of each stride-2 discriminator convolution ({@link
 *     io.github.gen4j.gan.DcganDiscriminator}): [64, 128] takes 28x28 to 7x7
 * @param featureLayer l, the 1-based discriminator layer whose activations Dis_l(x) carry the
 *     reconstruction loss (default: the last convolution; the paper uses the third of four)
 * @param gamma weight of the feature reconstruction against the GAN loss in the decoder's update,
 *     gamma L_llike - L_GAN (paper, eq. 9 and algorithm 1)
 * @param recipe the adversarial loss and optimizers: lrG is the learning rate of encoder and decoder, lrD
 *     the discriminator's; one discriminator step per step, no gradient penalties
 */
public record VaeGanConfig(
        VaeConfig vae,
        List<Integer> discriminatorWidths,
        int featureLayer,
        double gamma,
        GanRecipe recipe) {

    /**
     * Default recipe: the paper's GAN loss (non-saturating form) and Adam at its learning rate 3e-4 for
     * all three networks (the paper used RMSProp), beta1 0.5, plus spectral normalization of the
     * discriminator, which bounds the feature space the reconstruction is measured in.
     */
    public static final GanRecipe DEFAULT_RECIPE =
            new GanRecipe(GanLoss.NON_SATURATING, 0, 0, 1, true, 3e-4, 3e-4, 0.5, 0.999, 0);

    public VaeGanConfig {
        discriminatorWidths = List.copyOf(discriminatorWidths);
        if (vae == null || recipe == null) {
            throw new IllegalArgumentException("a VAE-GAN needs a VAE config and a recipe");
        }
        if (vae.conditional()) {
            throw new IllegalArgumentException("--conditional: the VAE-GAN is unconditional");
        }
        if (featureLayer < 1 || featureLayer > discriminatorWidths.size()) {
            throw new IllegalArgumentException("--feature-layer must be in 1.." + discriminatorWidths.size()
                    + " (one per --d-widths entry), got " + featureLayer);
        }
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("--gamma must be >= 0, got " + gamma);
        }
        if (recipe.dSteps() != 1 || recipe.needsInputGradients() || recipe.loss() == GanLoss.WGAN_GP) {
            throw new IllegalArgumentException("the VAE-GAN takes --loss non-saturating or hinge with one "
                    + "discriminator step and no gradient penalty (--d-steps 1, no --gp/--r1)");
        }
        gan(vae, discriminatorWidths, recipe); // validates the discriminator widths against the image size
    }

    /**
     * The defaults for a data shape: the default VAE architecture (latent 32; widths [32, 64] for 28x28)
     * with a sigmoid decoder, the textbook DCGAN discriminator (widths [64, 128] for 28x28), reconstruction in
     * its last layer, gamma 1, {@link #DEFAULT_RECIPE}.
     */
    public static VaeGanConfig defaults(int channels, int imageSize) {
        VaeConfig v = VaeConfig.defaults(channels, imageSize).withLikelihood(Likelihood.BERNOULLI);
        List<Integer> d = GanConfig.dcganDiscriminatorWidths(imageSize);
        return new VaeGanConfig(v, d, d.size(), 1.0, DEFAULT_RECIPE);
    }

    /**
     * The GAN this VAE-GAN contains: the VAE's decoder as generator and the discriminator (its config builds
     * the {@link io.github.gen4j.gan.DcganDiscriminator}).
     */
    public GanConfig ganConfig() {
        return gan(vae, discriminatorWidths, recipe);
    }

    private static GanConfig gan(VaeConfig vae, List<Integer> discriminatorWidths, GanRecipe recipe) {
        // generator widths [1]: unused, the generator is the VAE decoder
        return new GanConfig(vae.channels(), vae.imageSize(), vae.latentDim(), List.of(1), discriminatorWidths, 0,
                recipe, vae, null, null);
    }

    public VaeGanConfig withVae(VaeConfig v) {
        return new VaeGanConfig(v, discriminatorWidths, featureLayer, gamma, recipe);
    }

    /** New discriminator widths and feature layer. */
    public VaeGanConfig withDiscriminator(List<Integer> widths, int layer) {
        return new VaeGanConfig(vae, widths, layer, gamma, recipe);
    }

    public VaeGanConfig withGamma(double g) {
        return new VaeGanConfig(vae, discriminatorWidths, featureLayer, g, recipe);
    }

    public VaeGanConfig withRecipe(GanRecipe r) {
        return new VaeGanConfig(vae, discriminatorWidths, featureLayer, gamma, r);
    }
}
