package io.github.gen4j.data;

import io.github.gen4j.data.LocatedData.Source;
import io.github.gen4j.io.DataException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides where the default (Fashion-MNIST-like) training data comes from. In order:
 *
 * <ol>
 *   <li>the {@code --data DIR} option, if given;
 *   <li>the {@code GEN4J_DATA} environment variable, if set;
 *   <li>the system directory {@link FashionMnist#SYSTEM_DIR}, if it holds the training files;
 *   <li>the Fashion-MNIST test split embedded in the jar.
 * </ol>
 *
 * A path given explicitly (option or variable) that does not exist is an error, never a silent
 * fallback to the next rule. Blank values count as not given.
 */
public final class DatasetLocator {

    /** The environment variable naming a data directory. */
    public static final String ENV_VAR = "GEN4J_DATA";

    private DatasetLocator() {}

    /**
     * Locates the data using the standard system directory {@link FashionMnist#SYSTEM_DIR}.
     *
     * @param dataOption the value of {@code --data}, or {@code null}
     * @param env the environment, e.g. {@code System.getenv()}
     * @throws DataException if {@code --data} or {@code GEN4J_DATA} names a missing path
     */
    public static LocatedData locate(String dataOption, Map<String, String> env) {
        return locate(dataOption, env, FashionMnist.SYSTEM_DIR);
    }

    /**
     * Locates the data, with {@code systemDir} in place of {@link FashionMnist#SYSTEM_DIR} (for
     * tests and unusual installations).
     */
    public static LocatedData locate(String dataOption, Map<String, String> env, Path systemDir) {
        if (dataOption != null && !dataOption.isBlank()) {
            Path p = existing(dataOption, "--data " + dataOption);
            return new LocatedData(Source.OPTION, p, "data: " + describe(p) + " (--data)");
        }
        String var = env.get(ENV_VAR);
        if (var != null && !var.isBlank()) {
            Path p = existing(var, ENV_VAR + "=" + var);
            return new LocatedData(Source.ENV, p, "data: " + describe(p) + " (" + ENV_VAR + ")");
        }
        if (systemDir != null && FashionMnist.hasTrainFiles(systemDir)) {
            String origin =
                    systemDir.equals(FashionMnist.SYSTEM_DIR)
                            ? "Debian package dataset-fashion-mnist"
                            : "system dataset directory";
            return new LocatedData(
                    Source.SYSTEM, systemDir, "data: Fashion-MNIST from " + systemDir + " (" + origin + ")");
        }
        return new LocatedData(
                Source.EMBEDDED,
                null,
                "data: embedded Fashion-MNIST test split (10,000 images) shipped inside the gen4j jar:"
                        + " images 0-8,999 for training, 9,000-9,999 held out and never trained on;"
                        + " pass --data DIR or set " + ENV_VAR + " for the 60k training set");
    }

    private static Path existing(String value, String what) {
        Path p;
        try {
            p = Path.of(value);
        } catch (InvalidPathException e) {
            throw new DataException(what + ": not a valid path (" + e.getReason() + ")", e);
        }
        if (!Files.exists(p)) {
            throw new DataException(
                    what + ": no such file or directory (expected a Fashion-MNIST-style IDX"
                            + " directory, an IDX file or a folder of images)");
        }
        return p;
    }

    /** "Fashion-MNIST-format IDX files from DIR", "images from folder DIR" or "IDX file F". */
    private static String describe(Path p) {
        if (!Files.isDirectory(p)) {
            return "IDX file " + p;
        }
        return FashionMnist.hasTrainFiles(p)
                ? "Fashion-MNIST-format IDX files from " + p
                : "images from folder " + p;
    }
}
