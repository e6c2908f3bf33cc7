package io.github.gen4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A run folder argument plus an optional explicit checkpoint. */
public final class RunOptions {

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (runs/vae-...).")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Use this checkpoint instead of the newest.")
    Path checkpoint;
}
