package io.github.gen4j.cli;

import io.github.gen4j.io.DataException;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.train.RunConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Reading an input image at a model's size, and writing the before/after PNGs of an edit. */
final class EditImages {

    private EditImages() {}

    /**
     * Reads an image file as the model's channels at its size (shorter side resized, center-cropped),
     * C x H x W floats in [0, 1].
     *
     * @param option the option that named the file, for error messages
     */
    static float[] read(Path file, RunConfig.DataInfo d, String option) {
        if (d.height() != d.width()) {
            throw new IllegalArgumentException("the model's images are not square (" + d.height() + "x" + d.width() + ")");
        }
        try {
            return PngImages.read(file, d.channels(), d.height()).unit();
        } catch (DataException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Width and height of an image file at its own size. */
    static int[] size(Path file, String option) {
        try {
            BufferedImage img = PngImages.readRgb(file, PngImages.DEFAULT_MAX_PIXELS);
            return new int[] {img.getWidth(), img.getHeight()};
        } catch (DataException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** The output prefix: {@code out} without a trailing .png, or RUN/edits/KIND-INPUTNAME. */
    static Path prefix(Path out, Path run, String kind, Path input) {
        if (out != null) {
            String name = out.getFileName().toString();
            return name.toLowerCase().endsWith(".png") ? out.resolveSibling(name.substring(0, name.length() - 4)) : out;
        }
        String in = input.getFileName().toString();
        int dot = in.lastIndexOf('.');
        return run.resolve("edits").resolve(kind + "-" + (dot > 0 ? in.substring(0, dot) : in));
    }

    /**
     * Writes PREFIX-before.png (the images given to the model, one row) and PREFIX-after.png (the results,
     * one row), each atomically; returns the two paths.
     */
    static Path[] writeBeforeAfter(Path prefix, float[] before, int nBefore, float[] after, int nAfter,
            RunConfig.DataInfo d) throws IOException {
        Path b = prefix.resolveSibling(prefix.getFileName() + "-before.png");
        Path a = prefix.resolveSibling(prefix.getFileName() + "-after.png");
        int c = d.channels();
        int h = d.height();
        int w = d.width();
        ImageGrid.write(b, before, nBefore, c, h, w, 1, nBefore, 2, 0f, 1f);
        ImageGrid.write(a, after, nAfter, c, h, w, 1, nAfter, 2, 0f, 1f);
        return new Path[] {b, a};
    }

    /** Peak signal-to-noise ratio in dB of {@code x} against {@code ref}, both in [0, 1] (clipped). */
    static double psnr(float[] x, float[] ref) {
        return ImageOps.psnr(ImageOps.mse(x, 0, ref, 0, ref.length));
    }
}
