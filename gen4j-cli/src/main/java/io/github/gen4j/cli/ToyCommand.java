package io.github.gen4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j toy FAMILY}: a family on a 2D toy distribution, with scatter plots. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        description = "Train a model family on a 2D toy distribution (8 Gaussians on a ring) and plot its samples.",
        subcommands = {ToyGanCommand.class})
public final class ToyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a model family: gan");
    }
}
