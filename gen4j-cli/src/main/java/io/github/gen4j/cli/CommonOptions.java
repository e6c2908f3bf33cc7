package io.github.gen4j.cli;

import ai.djl.Device;
import io.github.gen4j.Gen4j;
import picocli.CommandLine.Option;

/** Options every command that computes shares. */
public final class CommonOptions {

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--device", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).",
            defaultValue = "auto")
    String device;

    Device device() {
        return Gen4j.device(device);
    }
}
