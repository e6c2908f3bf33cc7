package io.github.gen4j.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tiles N x C x H x W images into one PNG: {@code rows x cols} cells of {@code h x w} pixels,
 * separated and surrounded by {@code padding} pixels of {@link #BACKGROUND} gray, so the grid is
 * {@code cols * w + (cols + 1) * padding} wide and {@code rows * h + (rows + 1) * padding} high.
 * Cells are filled row by row; cells beyond N stay background. One channel gives an 8-bit gray
 * PNG, three give RGB. Files are written atomically.
 */
public final class ImageGrid {

    /** Gray level (0..255) of padding and empty cells: a light gray, distinct from white. */
    public static final int BACKGROUND = 224;

    private ImageGrid() {}

    /**
     * Writes float images, mapping {@code [lo, hi]} linearly to 0..255 (clamped).
     *
     * @param images at least {@code n * channels * h * w} floats, N x C x H x W
     */
    public static void write(Path png, float[] images, int n, int channels, int h, int w,
            int rows, int cols, int padding, float lo, float hi) throws IOException {
        byte[] u8 = ImageOps.toUint8(images, checkedLength(images.length, n, channels, h, w), lo, hi);
        write(png, u8, n, channels, h, w, rows, cols, padding);
    }

    /**
     * Writes unsigned-byte images.
     *
     * @param images at least {@code n * channels * h * w} bytes, N x C x H x W
     */
    public static void write(Path png, byte[] images, int n, int channels, int h, int w,
            int rows, int cols, int padding) throws IOException {
        PngImages.write(png, render(images, n, channels, h, w, rows, cols, padding));
    }

    /**
     * Writes originals beside their reconstructions: row {@code 2k} holds originals {@code k *
     * cols ... k * cols + cols - 1} and row {@code 2k + 1} the matching reconstructions directly
     * below them, so the grid has {@code 2 * ceil(n / cols)} rows.
     *
     * @param originals N x C x H x W floats
     * @param reconstructions N x C x H x W floats, same shape
     */
    public static void writePairs(Path png, float[] originals, float[] reconstructions, int n,
            int channels, int h, int w, int cols, int padding, float lo, float hi) throws IOException {
        int len = checkedLength(originals.length, n, channels, h, w);
        checkedLength(reconstructions.length, n, channels, h, w);
        byte[] both = new byte[2 * len]; // originals, then reconstructions
        System.arraycopy(ImageOps.toUint8(originals, len, lo, hi), 0, both, 0, len);
        System.arraycopy(ImageOps.toUint8(reconstructions, len, lo, hi), 0, both, len, len);
        int pairRows = (n + cols - 1) / cols;
        int[] cells = new int[2 * pairRows * cols];
        for (int i = 0; i < pairRows * cols; i++) {
            int row = i / cols;
            int col = i % cols;
            cells[(2 * row) * cols + col] = i < n ? i : -1;
            cells[(2 * row + 1) * cols + col] = i < n ? n + i : -1;
        }
        PngImages.write(png, render(both, cells, channels, h, w, 2 * pairRows, cols, padding));
    }

    /** The grid as an image, images placed row by row (see the class comment). */
    public static BufferedImage render(byte[] images, int n, int channels, int h, int w,
            int rows, int cols, int padding) {
        checkedLength(images.length, n, channels, h, w);
        if ((long) rows * cols < n) {
            throw new IllegalArgumentException(rows + "x" + cols + " grid cannot hold " + n + " images");
        }
        int[] cells = new int[rows * cols];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i < n ? i : -1;
        }
        return render(images, cells, channels, h, w, rows, cols, padding);
    }

    /** Width in pixels of a grid of {@code cols} cells of width {@code w}. */
    public static int gridWidth(int cols, int w, int padding) {
        return cols * w + (cols + 1) * padding;
    }

    /** Height in pixels of a grid of {@code rows} cells of height {@code h}. */
    public static int gridHeight(int rows, int h, int padding) {
        return rows * h + (rows + 1) * padding;
    }

    /** {@code cells[r * cols + c]} is the index of the image in that cell, or -1 for empty. */
    private static BufferedImage render(byte[] images, int[] cells, int channels, int h, int w,
            int rows, int cols, int padding) {
        if (padding < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "bad grid " + rows + "x" + cols + " with padding " + padding);
        }
        int gw = gridWidth(cols, w, padding);
        int gh = gridHeight(rows, h, padding);
        int hw = h * w;
        if (channels == 1) {
            BufferedImage img = new BufferedImage(gw, gh, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData(); // (gh, gw)
            Arrays.fill(dst, (byte) BACKGROUND);
            forEachCell(cells, cols, h, w, padding, (image, x0, y0) -> {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(images, image * hw + y * w, dst, (y0 + y) * gw + x0, w);
                }
            });
            return img;
        }
        if (channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        BufferedImage img = new BufferedImage(gw, gh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData(); // packed 0xRRGGBB
        Arrays.fill(dst, BACKGROUND * 0x010101);
        forEachCell(cells, cols, h, w, padding, (image, x0, y0) -> {
            int base = image * 3 * hw; // planes R, G, B of this image
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int j = base + y * w + x;
                    dst[(y0 + y) * gw + x0 + x] = (images[j] & 0xFF) << 16
                            | (images[j + hw] & 0xFF) << 8 | (images[j + 2 * hw] & 0xFF);
                }
            }
        });
        return img;
    }

    private interface CellAction {
        void apply(int image, int x0, int y0);
    }

    private static void forEachCell(int[] cells, int cols, int h, int w, int padding, CellAction a) {
        for (int k = 0; k < cells.length; k++) {
            if (cells[k] >= 0) {
                a.apply(cells[k], padding + (k % cols) * (w + padding), padding + (k / cols) * (h + padding));
            }
        }
    }

    private static int checkedLength(int actual, int n, int channels, int h, int w) {
        long need = (long) n * channels * h * w;
        if (n < 0 || h <= 0 || w <= 0 || need > actual) {
            throw new IllegalArgumentException(
                    "need " + n + "x" + channels + "x" + h + "x" + w + " = " + need
                            + " values, array has " + actual);
        }
        return (int) need;
    }
}
