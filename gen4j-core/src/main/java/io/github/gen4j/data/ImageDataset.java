package io.github.gen4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of 8-bit images, stored as unsigned bytes in N x C x H x W order, with optional
 * integer labels. This is the common currency between every data source (IDX files, image folders,
 * the embedded default) and every model family.
 *
 * <p>Immutable: the pixel array is never modified after construction, and {@link #subset} copies.
 */
public final class ImageDataset {

    private final String name;
    private final byte[] pixels; // (N, C, H, W), unsigned
    private final int size;
    private final int channels;
    private final int height;
    private final int width;
    private final int[] labels; // (N) or null
    private final List<String> classNames; // empty when unlabelled

    /**
     * @param name a short human-readable description of the source (shown in logs and reports)
     * @param pixels N*C*H*W unsigned bytes in N, C, H, W order
     * @param labels N labels in [0, classNames.size()), or {@code null} for unlabelled data
     * @param classNames the class names (their count is the number of classes); empty if unlabelled
     */
    public ImageDataset(
            String name,
            byte[] pixels,
            int size,
            int channels,
            int height,
            int width,
            int[] labels,
            List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        if (size < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "bad dataset shape " + size + "x" + channels + "x" + height + "x" + width);
        }
        if ((long) size * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(
                    "pixel array has " + pixels.length + " bytes, expected " + size + "x" + channels
                            + "x" + height + "x" + width);
        }
        this.pixels = pixels;
        this.size = size;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = List.copyOf(classNames);
        if (labels != null) {
            if (labels.length != size) {
                throw new IllegalArgumentException(
                        "dataset has " + size + " images but " + labels.length + " labels");
            }
            int k = this.classNames.size();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= k) {
                    throw new IllegalArgumentException(
                            "label " + labels[i] + " of image " + i + " is outside [0, " + k + ")");
                }
            }
        }
        this.labels = labels;
    }

    /** Short description of where the images came from. */
    public String name() {
        return name;
    }

    /** Number of images N. */
    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** C * H * W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** True if every image has a label. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Number of classes, 0 when unlabelled. */
    public int numClasses() {
        return labels == null ? 0 : classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The label of image {@code i}; throws if the dataset is unlabelled. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("dataset '" + name + "' has no labels");
        }
        return labels[i];
    }

    /** Unsigned value (0..255) of one pixel. */
    public int pixel(int image, int channel, int y, int x) {
        return pixels[((image * channels + channel) * height + y) * width + x] & 0xFF;
    }

    /** Copies image {@code i} (C*H*W unsigned bytes) into {@code dst} at {@code offset}. */
    public void copyImage(int i, byte[] dst, int offset) {
        System.arraycopy(pixels, i * imageSize(), dst, offset, imageSize());
    }

    /** Copies image {@code i} as floats 0..255 into {@code dst} at {@code offset}. */
    public void copyImage(int i, float[] dst, int offset) {
        int base = i * imageSize();
        for (int j = 0, n = imageSize(); j < n; j++) {
            dst[offset + j] = pixels[base + j] & 0xFF;
        }
    }

    /** A new dataset holding the given images, in the given order. */
    public ImageDataset subset(int[] indices) {
        int d = imageSize();
        byte[] px = new byte[indices.length * d];
        int[] lb = labels == null ? null : new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(pixels, indices[j] * d, px, j * d, d);
            if (lb != null) {
                lb[j] = labels[indices[j]];
            }
        }
        return new ImageDataset(name, px, indices.length, channels, height, width, lb, classNames);
    }

    /** The first {@code n} images (or all, if there are fewer). */
    public ImageDataset head(int n) {
        int m = Math.min(n, size);
        int[] idx = new int[m];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    /** "N x C x H x W" for messages. */
    public String shapeString() {
        return size + "x" + channels + "x" + height + "x" + width;
    }

    @Override
    public String toString() {
        return name + " (" + shapeString() + (hasLabels() ? ", " + numClasses() + " classes" : "") + ")";
    }
}
