package io.github.gen4j.cli;

import io.github.gen4j.diffusion.sampler.Samplers;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The diffusion sampler and its number of steps, shared by the commands that draw or denoise images. */
public final class SamplerOptions {

    @Option(names = "--sampler", paramLabel = "NAME",
            description = "Diffusion sampler: ddpm, ddim or dpm++2m (default: " + Samplers.DEFAULT + ").")
    String sampler;

    @Option(names = "--steps", defaultValue = "0", paramLabel = "N",
            description = "Diffusion sampling steps (0 = the sampler's default).")
    int steps;

    /** Checks the values before any work: a usage error (exit 2) naming the option. */
    SamplerOptions validated(CommandLine cl) {
        if (steps < 0) {
            throw new CommandLine.ParameterException(cl, "--steps must be >= 0, got " + steps);
        }
        try {
            Samplers.canonical(sampler);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        return this;
    }
}
