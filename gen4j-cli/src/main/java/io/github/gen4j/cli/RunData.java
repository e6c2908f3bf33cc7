package io.github.gen4j.cli;

import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.train.RunConfig;

/** Reloads the data a run was trained on (for its held-out images), as saved in its config. */
final class RunData {

    private RunData() {}

    static TrainingData of(RunConfig config, String dataOverride) {
        RunConfig.DataInfo d = config.data();
        String spec = dataOverride != null ? dataOverride : d.spec();
        TrainingData data = TrainingData.resolve(spec, System.getenv(), new ImageFolderOptions(d.channels(),
                d.height(), ImageFolderOptions.OnBadFile.SKIP, msg -> System.err.println("warning: " + msg)),
                0, config.train().seed());
        if (data.train().channels() != d.channels() || data.train().height() != d.height()
                || data.train().width() != d.width()) {
            throw new IllegalArgumentException("--data: images are " + data.train().channels() + "x"
                    + data.train().height() + "x" + data.train().width() + " but the model was trained on "
                    + d.channels() + "x" + d.height() + "x" + d.width());
        }
        return data;
    }
}
