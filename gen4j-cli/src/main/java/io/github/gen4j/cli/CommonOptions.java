package io.github.gen4j.cli;

import ai.djl.Device;
import io.github.gen4j.Gen4j;
import io.github.gen4j.train.TrainConfig;
import picocli.CommandLine.Option;

/** Options every command that computes shares. */
public final class CommonOptions {

    /** The library's default seed, so that CLI and library runs without a seed reproduce each other. */
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainConfig.DEFAULT_SEED)
    long seed;

    @Option(names = "--device", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).",
            defaultValue = "auto")
    String device;

    Device device() {
        return Gen4j.device(device);
    }
}
