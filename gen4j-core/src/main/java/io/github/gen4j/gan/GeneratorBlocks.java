package io.github.gen4j.gan;

import java.util.Locale;

/**
 * The layers of a DCGAN generator stage: how it upsamples and how it normalizes. Saved in
 * {@code config.json}; a config written before this choice existed reads as {@link #PIXELNORM}, which is
 * what those runs were trained with.
 */
public enum GeneratorBlocks {

    /**
     * The textbook DCGAN generator (Radford et al. 2016, section 3: batch norm in the generator, ReLU, tanh
     * output), with conv 3x3 + pixel shuffle (Shi et al. 2016) for each 2x upsampling: Linear (no bias) ->
     * BN -> ReLU, then per stage Conv 3x3 to 4 W (no bias) -> pixel shuffle 2 -> BN -> ReLU. Weights drawn
     * from N(0, 0.02) as in the paper. Sampling uses BN's running statistics.
     */
    BATCHNORM("batchnorm"),

    /**
     * Progressive-GAN style (Karras et al. 2018): LeakyReLU 0.2 and pixelwise feature normalization
     * instead of batch norm, nearest-neighbour 2x upsampling + Conv 3x3. No batch statistics, so a
     * sample does not depend on its batch. gen4j's default before the parity benchmark (issue 14).
     */
    PIXELNORM("pixelnorm");

    private final String cliName;

    GeneratorBlocks(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static GeneratorBlocks parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (GeneratorBlocks b : values()) {
            if (b.cliName.equals(k) || b.name().toLowerCase(Locale.ROOT).equals(k)) {
                return b;
            }
        }
        throw new IllegalArgumentException("--g-blocks: unknown generator blocks '" + s
                + "' (expected batchnorm or pixelnorm)");
    }
}
