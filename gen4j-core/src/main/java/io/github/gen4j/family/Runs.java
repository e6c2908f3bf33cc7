package io.github.gen4j.family;

import ai.djl.Device;
import io.github.gen4j.train.LoadedRun;
import java.nio.file.Path;

/** Loads any run folder for inference, whichever registered family (or the feature classifier) it holds. */
public final class Runs {

    private Runs() {}

    /**
     * Loads {@code runFolder}'s newest checkpoint (or {@code checkpoint} if not null) on {@code device}, the
     * model rebuilt from the family and model config saved in its {@code config.json}.
     */
    public static LoadedRun load(Path runFolder, Path checkpoint, Device device) {
        return LoadedRun.load(runFolder, checkpoint, device, FamilyRegistry::task);
    }
}
