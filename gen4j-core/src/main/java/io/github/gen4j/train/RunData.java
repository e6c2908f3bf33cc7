package io.github.gen4j.train;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data a run was trained on, found again from its saved config (for its held-out images: interpolation
 * end points, class means, images to edit). Shared by the CLI's latent commands and the studio.
 */
public final class RunData {

    private RunData() {}

    /**
     * Reloads the run's data as {@code config.data().spec()} names it (or {@code dataOverride} if not null),
     * at the run's channels and size.
     *
     * @param env the environment ({@code GEN4J_DATA} may locate the data)
     * @param warnings told about skipped image files of an image folder
     * @throws IllegalArgumentException if the data's images are not the size the model was trained on
     */
    public static TrainingData of(RunConfig config, String dataOverride, Map<String, String> env,
            Consumer<String> warnings) {
        RunConfig.DataInfo d = config.data();
        String spec = dataOverride != null ? dataOverride : d.spec();
        TrainingData data = TrainingData.resolve(spec, env, new ImageFolderOptions(d.channels(), d.height(),
                ImageFolderOptions.OnBadFile.SKIP, warnings), 0, config.train().seed());
        if (data.train().channels() != d.channels() || data.train().height() != d.height()
                || data.train().width() != d.width()) {
            throw new IllegalArgumentException("--data: images are " + data.train().channels() + "x"
                    + data.train().height() + "x" + data.train().width() + " but the model was trained on "
                    + d.channels() + "x" + d.height() + "x" + d.width());
        }
        return data;
    }

    /** Held-out images of a run's data (the training images if it holds none out). */
    public static ImageDataset heldOut(TrainingData td) {
        return td.heldOut().size() > 0 ? td.heldOut() : td.train();
    }
}
