package io.github.gen4j.studio;

import io.github.gen4j.train.CheckpointException;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run and checkpoint a model request names: {@code id} (resolved inside --runs only), its saved config,
 * and {@code checkpoint} (a name from {@code /api/run}'s checkpoint list, or the newest when absent).
 *
 * @param id the run id as given
 * @param folder the run folder
 * @param config its config.json
 * @param checkpoint the checkpoint file
 */
record RunRef(String id, Path folder, RunConfig config, Path checkpoint) {

    /** The run of a request's {@code id} field with the checkpoint of its {@code checkpoint} field. */
    static RunRef of(Fields f, RunIds ids) {
        RunRef r = withoutCheckpoint(f.text("id", null), ids);
        return new RunRef(r.id, r.folder, r.config, Models.checkpoint(ids, r.folder, f.text("checkpoint", null)));
    }

    /** The run of an id and its config, no checkpoint chosen (null). */
    static RunRef withoutCheckpoint(String id, RunIds ids) {
        Path folder = ids.resolve(id);
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new StudioException(404, "'" + id + "' is not a run folder (no config.json)");
        }
        RunConfig config;
        try {
            config = RunDir.open(folder).readConfig();
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new StudioException(422, id + "/config.json: " + e.getMessage());
        }
        return new RunRef(id, folder, config, null);
    }

    /** The family saved in the config ("vae", "gan", "diffusion", ...). */
    String family() {
        return config.family();
    }

    /** The checkpoint's file name. */
    String checkpointName() {
        return checkpoint.getFileName().toString();
    }

    /** The training step of the checkpoint. */
    long step() {
        return CheckpointStore.stepOf(checkpoint);
    }

    /** A file-name-safe base for downloads: the run folder's name and the step, e.g. vae-20261203-step300. */
    String fileBase() {
        return folder.getFileName().toString() + "-step" + step();
    }

    /** Fails with 400 unless the images are square (as every gen4j model's are). */
    int imageSize() {
        RunConfig.DataInfo d = config.data();
        if (d.height() != d.width()) {
            throw new StudioException(400, "run '" + id + "': its images are not square (" + d.height() + "x"
                    + d.width() + ")");
        }
        return d.height();
    }
}
