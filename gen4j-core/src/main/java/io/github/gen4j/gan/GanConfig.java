package io.github.gen4j.gan;

import io.github.gen4j.vae.VaeConfig;
import java.util.List;

/**
 * An image GAN: DCGAN-style networks plus its training {@link GanRecipe}. Immutable; saved in the run's
 * {@code config.json}, from which {@code Runs.load} rebuilds the model.
 *
 * @param channels image channels (1 grayscale, 3 RGB)
 * @param imageSize height = width
 * @param latentDim Z, the dimension of the generator's Gaussian input
 * @param generatorWidths channels at each generator resolution, from the first (imageSize / 2^(n-1)) to the
 *     full one: [64, 32, 16] takes 7x7 to 28x28 (two 2x upsamplings)
 * @param discriminatorWidths channels of each stride-2 discriminator convolution: [32, 64] takes 28x28 to
 *     7x7
 * @param numClasses 0 for an unconditional GAN, K for a class-conditional one
 * @param recipe loss, stabilizers and optimizers
 * @param vaeDecoder null for the DCGAN generator; otherwise the generator is a VAE decoder of this config
 *     ({@link VaeDecoderGenerator}; generatorWidths are then unused): the architecture of a GAN pre-trained
 *     as a VAE (Ham et al. 2020). Its image size, channels, latent and classes must equal the GAN's
 * @param initFrom where the generator's initial weights came from (a VAE run's checkpoint), or null for a
 *     random initialization; a record of provenance, not needed to rebuild the model
 * @param generatorBlocks the DCGAN generator's stage layers (null, as in configs written before the choice
 *     existed, means {@link GeneratorBlocks#PIXELNORM})
 */
public record GanConfig(
        int channels,
        int imageSize,
        int latentDim,
        List<Integer> generatorWidths,
        List<Integer> discriminatorWidths,
        int numClasses,
        GanRecipe recipe,
        VaeConfig vaeDecoder,
        String initFrom,
        GeneratorBlocks generatorBlocks) {

    public GanConfig {
        generatorWidths = List.copyOf(generatorWidths);
        discriminatorWidths = List.copyOf(discriminatorWidths);
        if (generatorBlocks == null) {
            generatorBlocks = GeneratorBlocks.PIXELNORM;
        }
        if (channels <= 0 || imageSize <= 0 || latentDim <= 0 || numClasses < 0 || recipe == null) {
            throw new IllegalArgumentException("GAN sizes must be positive and a recipe is required");
        }
        if (generatorWidths.isEmpty() || discriminatorWidths.isEmpty()
                || generatorWidths.stream().anyMatch(w -> w <= 0) || discriminatorWidths.stream().anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("--g-widths and --d-widths need at least one positive width");
        }
        int up = generatorWidths.size() - 1;
        if (imageSize % (1 << up) != 0 || (imageSize >> up) < 2) {
            throw new IllegalArgumentException("--g-widths: " + generatorWidths.size() + " resolutions need an image "
                    + "size divisible by 2^" + up + " with at least 2x2 at the start, got " + imageSize);
        }
        if (vaeDecoder != null && (vaeDecoder.channels() != channels || vaeDecoder.imageSize() != imageSize
                || vaeDecoder.latentDim() != latentDim || vaeDecoder.numClasses() != numClasses)) {
            throw new IllegalArgumentException("the VAE decoder makes " + vaeDecoder.channels() + "x"
                    + vaeDecoder.imageSize() + "x" + vaeDecoder.imageSize() + " images from a latent of "
                    + vaeDecoder.latentDim() + " with " + vaeDecoder.numClasses() + " classes, the GAN needs "
                    + channels + "x" + imageSize + "x" + imageSize + ", " + latentDim + ", " + numClasses);
        }
        if ((imageSize >> discriminatorWidths.size()) < 1) {
            throw new IllegalArgumentException("--d-widths: " + discriminatorWidths.size() + " halvings are too many "
                    + "for " + imageSize + "x" + imageSize + " images");
        }
    }

    /** A GAN with the default DCGAN generator (no VAE decoder), randomly initialized. */
    public GanConfig(int channels, int imageSize, int latentDim, List<Integer> generatorWidths,
            List<Integer> discriminatorWidths, int numClasses, GanRecipe recipe) {
        this(channels, imageSize, latentDim, generatorWidths, discriminatorWidths, numClasses, recipe, null, null,
                DEFAULT_BLOCKS);
    }

    /** The generator blocks of new GANs: the textbook DCGAN's, which won the parity benchmark (issue 14). */
    public static final GeneratorBlocks DEFAULT_BLOCKS = GeneratorBlocks.BATCHNORM;

    /**
     * The default networks for a data shape: 28x28 -> G [64, 32, 16] from 7x7, D [32, 64] (half the textbook
     * DCGAN's widths: at compare's 10 minutes on 2 cores it gets 2.9-3.5x the steps and the lower FID,
     * bench/results/size-sweep-gan-10m and compare-10m-gan-half); 32x32 -> G [256, 128, 64, 32] from 4x4,
     * D [64, 128, 256]; 64x64 -> G [256, 128, 64, 32, 16] from 4x4, D [32, 64, 128, 256]. Latent 64.
     */
    public static GanConfig defaults(int channels, int imageSize, GanRecipe recipe) {
        List<Integer> g = imageSize == 28 ? List.of(64, 32, 16)
                : imageSize <= 32 ? List.of(256, 128, 64, 32) : List.of(256, 128, 64, 32, 16);
        List<Integer> d = imageSize == 28 ? List.of(32, 64) : dcganDiscriminatorWidths(imageSize);
        // a size that halves fewer times than the default needs (12x12) starts from a larger first map
        while (g.size() > 1 && (imageSize % (1 << (g.size() - 1)) != 0 || (imageSize >> (g.size() - 1)) < 2)) {
            g = g.subList(1, g.size());
        }
        return new GanConfig(channels, imageSize, 64, g, d, 0, recipe);
    }

    /**
     * The textbook DCGAN discriminator's widths for a data shape, with at most as many halvings as the size
     * allows: [64, 128] for 28x28, [64, 128, 256] up to 32x32, [32, 64, 128, 256] above. The VAE-GAN's
     * discriminator, and the GAN's default except at 28x28.
     */
    public static List<Integer> dcganDiscriminatorWidths(int imageSize) {
        List<Integer> d = imageSize == 28 ? List.of(64, 128)
                : imageSize <= 32 ? List.of(64, 128, 256) : List.of(32, 64, 128, 256);
        while (d.size() > 1 && (imageSize >> d.size()) < 1) {
            d = d.subList(0, d.size() - 1);
        }
        return d;
    }

    /**
     * This GAN with a VAE decoder of config {@code vae} as its generator (latent size and classes taken
     * from it), initialized from {@code initFrom} (null = randomly).
     */
    public GanConfig withVaeDecoder(VaeConfig vae, String initFrom) {
        return new GanConfig(channels, imageSize, vae.latentDim(), generatorWidths, discriminatorWidths,
                vae.numClasses(), recipe, vae, initFrom, generatorBlocks);
    }

    /** Side length of the generator's first feature map. */
    public int generatorStartSize() {
        return imageSize >> (generatorWidths.size() - 1);
    }

    /** Side length after the discriminator's convolutions (each 4x4 stride 2 pad 1 halves, rounding down). */
    public int discriminatorEndSize() {
        int s = imageSize;
        for (int i = 0; i < discriminatorWidths.size(); i++) {
            s = s / 2;
        }
        return s;
    }

    public boolean conditional() {
        return numClasses > 0;
    }

    public GanConfig withLatentDim(int z) {
        return new GanConfig(channels, imageSize, z, generatorWidths, discriminatorWidths, numClasses, recipe,
                vaeDecoder, initFrom, generatorBlocks);
    }

    public GanConfig withWidths(List<Integer> g, List<Integer> d) {
        return new GanConfig(channels, imageSize, latentDim, g, d, numClasses, recipe, vaeDecoder, initFrom,
                generatorBlocks);
    }

    /**
     * This GAN with the textbook DCGAN discriminator ({@link #dcganDiscriminatorWidths}): what a VAE decoder,
     * a large generator, trains against (train gan --init-from/--arch-from and compare's gan-vaeinit/vaearch).
     */
    public GanConfig withDcganDiscriminator() {
        return withWidths(generatorWidths, dcganDiscriminatorWidths(imageSize));
    }

    public GanConfig withClasses(int k) {
        return new GanConfig(channels, imageSize, latentDim, generatorWidths, discriminatorWidths, k, recipe, vaeDecoder,
                initFrom, generatorBlocks);
    }

    public GanConfig withRecipe(GanRecipe r) {
        return new GanConfig(channels, imageSize, latentDim, generatorWidths, discriminatorWidths, numClasses, r, vaeDecoder,
                initFrom, generatorBlocks);
    }

    public GanConfig withGeneratorBlocks(GeneratorBlocks b) {
        return new GanConfig(channels, imageSize, latentDim, generatorWidths, discriminatorWidths, numClasses, recipe,
                vaeDecoder, initFrom, b);
    }
}
