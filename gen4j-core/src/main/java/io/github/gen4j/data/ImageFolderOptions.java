package io.github.gen4j.data;

import io.github.gen4j.image.PngImages;
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
 * @param warnings receives one line per skipped file or dropped class, without a "warning:" prefix
 * @param maxPixels images with more pixels are refused before decoding (see {@link PngImages#readRgb})
 */
public record ImageFolderOptions(
        int channels, int size, OnBadFile onBadFile, Consumer<String> warnings, long maxPixels) {

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
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be > 0, got " + maxPixels);
        }
    }

    /** Options with the default pixel limit, {@link PngImages#DEFAULT_MAX_PIXELS}. */
    public ImageFolderOptions(int channels, int size, OnBadFile onBadFile, Consumer<String> warnings) {
        this(channels, size, onBadFile, warnings, PngImages.DEFAULT_MAX_PIXELS);
    }

    /** Auto channels, original size, skip bad files with warnings on standard error. */
    public static ImageFolderOptions defaults() {
        return new ImageFolderOptions(0, 0, OnBadFile.SKIP, msg -> System.err.println("warning: " + msg));
    }

    public ImageFolderOptions withChannels(int c) {
        return new ImageFolderOptions(c, size, onBadFile, warnings, maxPixels);
    }

    public ImageFolderOptions withSize(int s) {
        return new ImageFolderOptions(channels, s, onBadFile, warnings, maxPixels);
    }

    public ImageFolderOptions withOnBadFile(OnBadFile b) {
        return new ImageFolderOptions(channels, size, b, warnings, maxPixels);
    }

    public ImageFolderOptions withMaxPixels(long m) {
        return new ImageFolderOptions(channels, size, onBadFile, warnings, m);
    }

    public ImageFolderOptions withWarnings(Consumer<String> w) {
        return new ImageFolderOptions(channels, size, onBadFile, w, maxPixels);
    }
}
