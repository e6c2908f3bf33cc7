package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.model.LatentCodec;
import io.github.gen4j.train.LoadedRun;
import java.nio.file.Path;

/** What {@code encode} and {@code decode} share: the model as a codec, class labels, default file names. */
final class LatentFiles {

    private LatentFiles() {}

    static LatentCodec codec(LoadedRun model) {
        if (model.task() instanceof LatentCodec c) {
            return c;
        }
        throw new IllegalArgumentException(model.run().root() + ": a " + model.config().family()
                + " model has no latent encoder/decoder (flows have one)");
    }

    /** Labels (n) int32 for a conditional model, null otherwise; checks --class. */
    static NDArray labels(NDManager m, LoadedRun model, int classLabel, int n) {
        int k = model.generator().numClasses();
        if (k == 0) {
            if (classLabel >= 0) {
                throw new IllegalArgumentException("--class " + classLabel + ": the model is unconditional");
            }
            return null;
        }
        if (classLabel < 0 || classLabel >= k) {
            throw new IllegalArgumentException("--class: this model is class-conditional, give a class in 0.." + (k - 1));
        }
        int[] lb = new int[n];
        java.util.Arrays.fill(lb, classLabel);
        return m.create(lb);
    }

    /** {@code file} with its extension replaced by {@code ext}. */
    static Path sibling(Path file, String ext) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ext);
    }
}
