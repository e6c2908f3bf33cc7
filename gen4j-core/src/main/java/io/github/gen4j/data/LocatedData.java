package io.github.gen4j.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the training data was found, as decided by {@link DatasetLocator}.
 *
 * @param source which rule chose the data
 * @param dir the directory (or, for {@code --data}/{@code GEN4J_DATA}, possibly a single IDX
 *     file) holding the data; {@code null} for {@link Source#EMBEDDED}
 * @param note one human-readable line saying what will be used, for logs and run folders
 */
public record LocatedData(Source source, Path dir, String note) {

    /** The rule that located the data, in the order the locator tries them. */
    public enum Source {
        /** The {@code --data} command-line option. */
        OPTION,
        /** The {@code GEN4J_DATA} environment variable. */
        ENV,
        /** The system-wide Fashion-MNIST directory (Debian package dataset-fashion-mnist). */
        SYSTEM,
        /** The Fashion-MNIST test split embedded in the gen4j jar. */
        EMBEDDED
    }

    public LocatedData {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        if ((dir == null) != (source == Source.EMBEDDED)) {
            throw new IllegalArgumentException("dir must be null exactly when the source is EMBEDDED");
        }
    }
}
