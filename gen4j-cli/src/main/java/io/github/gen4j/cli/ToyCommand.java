package io.github.gen4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j toy FAMILY}: a family on a 2D toy distribution, with scatter plots. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = "Train model families on 2D toy distributions (8 Gaussians on a ring, two moons) and plot their samples and densities.",
        subcommands = {ToyGanCommand.class, ToyFamilyCommand.Vae.class, ToyFamilyCommand.Diffusion.class,
            ToyFamilyCommand.Flow.class, ToyFamilyCommand.All.class})
public final class ToyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a model family: gan, vae, diffusion, flow, or all");
    }
}
