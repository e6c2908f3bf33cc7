package io.github.gen4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j train FAMILY}: one sub-command per model family. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model on images.",
        subcommands = {TrainVaeCommand.class, TrainGanCommand.class, TrainDiffusionCommand.class,
            TrainFlowCommand.class, TrainVaeganCommand.class, TrainClassifierCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a model family: vae, gan, diffusion, flow, vaegan (or classifier, the evaluation's feature network)");
    }
}
