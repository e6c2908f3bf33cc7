package io.github.gen4j.family;

import io.github.gen4j.model.SampleOptions;
import java.util.Locale;
import java.util.Optional;

/**
 * A sampling setting a family is measured with besides its default one: a sampler and its number of steps
 * (a diffusion model's full-length DDPM, DDIM with 50 steps). Its {@link #name()} ("ddpm, 1000 steps") keys
 * the setting's metrics in {@code results.json}, and {@link #parse} reads a key back, so code that looks for
 * a setting compares sampler names and steps, never the text of a key.
 *
 * @param sampler the sampler's name as {@code --sampler} takes it, or {@link #DEFAULT_NAME}
 * @param steps sampling steps (0 for the default setting)
 */
public record SamplerVariant(String sampler, int steps) {

    /** Name of the family's default sampling setting among the variants. */
    public static final String DEFAULT_NAME = "default";

    /** The family's default setting, measured on as many samples as the variants for a fair comparison. */
    public static final SamplerVariant DEFAULT = new SamplerVariant(DEFAULT_NAME, 0);

    private static final String STEPS = " steps";

    public SamplerVariant {
        if (!DEFAULT_NAME.equals(sampler) && steps < 1) {
            throw new IllegalArgumentException("a sampler variant needs >= 1 step, got " + steps);
        }
    }

    /** The key of this setting's metrics: {@code default}, or {@code "<sampler>, <steps> steps"}. */
    public String name() {
        return isDefault() ? DEFAULT_NAME : sampler + ", " + steps + STEPS;
    }

    public boolean isDefault() {
        return DEFAULT_NAME.equals(sampler);
    }

    /** How to sample with this setting. */
    public SampleOptions options() {
        return isDefault() ? SampleOptions.defaults() : SampleOptions.defaults().withSampler(sampler, steps);
    }

    /** The setting a {@link #name()} was made from; empty for a key of another form. */
    public static Optional<SamplerVariant> parse(String name) {
        if (DEFAULT_NAME.equals(name)) {
            return Optional.of(DEFAULT);
        }
        int comma = name.indexOf(", ");
        if (comma < 0 || !name.endsWith(STEPS)) {
            return Optional.empty();
        }
        try {
            int steps = Integer.parseInt(name.substring(comma + 2, name.length() - STEPS.length()));
            return steps < 1 ? Optional.empty()
                    : Optional.of(new SamplerVariant(name.substring(0, comma).toLowerCase(Locale.ROOT), steps));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
