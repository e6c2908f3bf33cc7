package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link ImageFolderDataset} converts a folder of image files.
 *
 * @param channels 1 = grayscale (luminance), 3 = RGB, 0 = auto: 1 if every image is gray, else 3
 * @param size output height and width: the shorter side is resized to {@code size} and the
 *     center cropped; 0 keeps the images' own size (then all must have the same size)
 * @param onBadFile what to do with a file that cannot be decoded
 * @param warnings receives one line per skipped file
 */
public record ImageFolderOptions(
        int channels, int size, OnBadFile onBadFile, Consumer<String> warnings) {

    /** What to do with an image file that cannot be decoded. */
    public enum OnBadFile {
        /** Skip it and report one warning line naming it. */
        SKIP,
        /** Throw a {@link DataException} naming it. */
        FAIL
    }

    public ImageFolderOptions {
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 0 (auto), 1 or 3, got " + channels);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        Objects.requireNonNull(onBadFile, "onBadFile");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** Auto channels, original size, skip bad files with warnings on standard error. */
    public static ImageFolderOptions defaults() {
        return new ImageFolderOptions(0, 0, OnBadFile.SKIP, System.err::println);
    }

    public ImageFolderOptions withChannels(int c) {
        return new ImageFolderOptions(c, size, onBadFile, warnings);
    }

    public ImageFolderOptions withSize(int s) {
        return new ImageFolderOptions(channels, s, onBadFile, warnings);
    }

    public ImageFolderOptions withOnBadFile(OnBadFile b) {
        return new ImageFolderOptions(channels, size, b, warnings);
    }

    public ImageFolderOptions withWarnings(Consumer<String> w) {
        return new ImageFolderOptions(channels, size, onBadFile, w);
    }
}
