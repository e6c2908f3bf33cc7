package io.github.gen4j.cli;

import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.image.PngImages;
import picocli.CommandLine.Option;

/** Where the images come from. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "PATH",
            description = "Fashion-MNIST-style IDX folder, an IDX images file, or a folder of PNG/JPEG images. "
                    + "Default: $GEN4J_DATA, then /usr/share/datasets/fashion-mnist, then the embedded test split.")
    String data;

    @Option(names = "--image-size", defaultValue = "0",
            description = "Resize/center-crop folder images to this size; 0 = keep (all images must share one size).")
    int imageSize;

    @Option(names = "--channels", defaultValue = "0",
            description = "1 (grayscale) or 3 (RGB) for folder images; 0 = detect (default).")
    int channels;

    @Option(names = "--bad-files", defaultValue = "skip",
            description = "Unreadable images in a folder: skip (report each by name) or fail. Default: ${DEFAULT-VALUE}.")
    ImageFolderOptions.OnBadFile badFiles;

    @Option(names = "--max-pixels", defaultValue = "" + PngImages.DEFAULT_MAX_PIXELS,
            description = "Refuse folder images with more pixels than this, from their header, before decoding"
                    + " them (decompression bombs). Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    @Option(names = "--limit", defaultValue = "0", description = "Train on the first N images only (0 = all).")
    int limit;

    TrainingData load(long seed) {
        return TrainingData.resolve(data, System.getenv(), folderOptions(imageSize, channels), limit, seed);
    }

    /** Folder options with this command's bad-file policy; warnings go to standard error. */
    ImageFolderOptions folderOptions(int size, int ch) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("--max-pixels must be > 0, got " + maxPixels);
        }
        return new ImageFolderOptions(ch, size, badFiles, msg -> System.err.println("warning: " + msg), maxPixels);
    }
}
