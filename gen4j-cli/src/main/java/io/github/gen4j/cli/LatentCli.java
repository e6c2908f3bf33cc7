package io.github.gen4j.cli;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.train.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the latent commands share: classes by index or name, input images as raw pixels, output names. */
final class LatentCli {

    private LatentCli() {}

    /** Held-out images of a run's data (the training images if it holds none out). */
    static ImageDataset heldOut(TrainingData td) {
        return io.github.gen4j.train.RunData.heldOut(td);
    }

    /**
     * A class given as an index ("9") or a name ("ankle boot", case-insensitive) of {@code names} (may be
     * empty: indices only); {@code k} classes.
     */
    static int parseClass(String s, List<String> names, int k, String option) {
        String t = s.trim();
        int idx = -1;
        if (t.matches("\\d+")) {
            idx = Integer.parseInt(t);
        } else {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(t)) {
                    idx = i;
                }
            }
            if (idx < 0) {
                throw new IllegalArgumentException(option + ": '" + s + "' is not a class"
                        + (names.isEmpty() ? " index" : " (classes: " + String.join(", ", names) + ")"));
            }
        }
        if (idx >= k) {
            throw new IllegalArgumentException(option + ": class " + idx + " does not exist (" + k + " classes)");
        }
        return idx;
    }

    /** Two comma-separated values, e.g. --seeds 1,2. */
    static String[] pair(String s, String option) {
        String[] p = s.split(",", -1);
        if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
            throw new IllegalArgumentException(option + ": expected two values separated by a comma, got '" + s + "'");
        }
        return p;
    }

    /** An image file at the model's size as raw C x H x W pixel values 0..255. */
    static float[] readRaw(Path file, RunConfig.DataInfo d, String option) {
        float[] unit = EditImages.read(file, d, option);
        for (int i = 0; i < unit.length; i++) {
            unit[i] = Math.round(unit[i] * 255f);
        }
        return unit;
    }

    /** {@code base} without a .png/.gif extension. */
    static Path prefix(Path out, Path run, String defaultName) {
        if (out == null) {
            return run.resolve("latent").resolve(defaultName);
        }
        String n = out.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".gif") ? out.resolveSibling(n.substring(0, n.length() - 4))
                : out;
    }

    static Path withExt(Path prefix, String ext) {
        return prefix.resolveSibling(prefix.getFileName() + ext);
    }

    /** File-name-safe form of a class name or value. */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
