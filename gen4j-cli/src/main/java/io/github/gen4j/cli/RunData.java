package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.train.RunConfig;

/** Reloads the data a run was trained on (for its held-out images), as saved in its config. */
final class RunData {

    private RunData() {}

    /** {@link io.github.gen4j.train.RunData#of} with this process's environment, warnings on standard error. */
    static TrainingData of(RunConfig config, String dataOverride) {
        return io.github.gen4j.train.RunData.of(config, dataOverride, System.getenv(),
                msg -> System.err.println("warning: " + msg));
    }
}
