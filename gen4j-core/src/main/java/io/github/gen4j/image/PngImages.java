package io.github.gen4j.image;

import io.github.gen4j.io.DataException;
import io.github.gen4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads and writes single images. Writing always produces PNG (8-bit gray or RGB); reading
 * accepts whatever {@link ImageIO} decodes (PNG, JPEG, GIF, BMP), converting it with {@link
 * ImageOps}: alpha composited over white, optional center-crop and resize, gray or RGB.
 */
public final class PngImages {

    /**
     * Images with more pixels than this are refused before they are decoded: 50 megapixels, above the
     * largest common camera images. Decoded as RGB such an image takes 200 MB of heap; without a limit a
     * 1.5 MB PNG that declares 40000x40000 pixels (a "decompression bomb") exhausts the heap.
     */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /**
     * The most pixels one byte of an image file can hold: a 1-bit PNG under deflate's best ratio (1032:1).
     * GIF's LZW and JPEG compress less. An image declaring more than its file can hold (a truncated or
     * lying header) is refused before its pixels are allocated: decoders allocate the whole raster first,
     * and JPEG and GIF decoders fill what is missing, so a 300-byte file declaring 7000x7000 pixels would
     * cost hundreds of MB. (Only a BMP using RLE escapes to skip most of its pixels could hold more.)
     */
    public static final long MAX_PIXELS_PER_BYTE = 8 * 1032;

    private PngImages() {}

    /**
     * Writes one image as a PNG, atomically.
     *
     * @param chw {@code c * h * w} unsigned bytes in C, H, W order; {@code c} is 1 or 3
     */
    public static void write(Path png, byte[] chw, int c, int h, int w) throws IOException {
        if ((long) c * h * w != chw.length) {
            throw new IllegalArgumentException(
                    chw.length + " bytes for a " + c + "x" + h + "x" + w + " image");
        }
        write(png, ImageOps.fromChw(chw, 0, c, h, w));
    }

    /** Writes any image as a PNG, atomically. */
    public static void write(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(
                png,
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException(png + ": no PNG writer for image type " + image.getType());
                    }
                });
    }

    /**
     * Reads an image file of at most {@link #DEFAULT_MAX_PIXELS} pixels.
     *
     * @param channels 1 for gray (luminance), 3 for RGB, 0 for gray if the image is gray else RGB
     * @param size output height and width (shorter side resized, then center-cropped), or 0 to
     *     keep the image's own size
     * @throws DataException naming the file if it is missing, too large or not a decodable image
     */
    public static ChwImage read(Path file, int channels, int size) {
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 0, 1 or 3, got " + channels);
        }
        BufferedImage rgb = ImageOps.centerCropResize(readRgb(file, DEFAULT_MAX_PIXELS), size);
        int c = channels != 0 ? channels : ImageOps.isGray(rgb) ? 1 : 3;
        return new ChwImage(ImageOps.toChw(rgb, c), c, rgb.getHeight(), rgb.getWidth());
    }

    /**
     * Decodes an image file to {@code TYPE_INT_RGB} (see {@link ImageOps#toRgb}), at its own size. The
     * size is read from the file's header first, and an image of more than {@code maxPixels} pixels, or of
     * more than its file can hold ({@link #MAX_PIXELS_PER_BYTE}), is refused without being decoded.
     *
     * @throws DataException naming the file if it is missing, larger than {@code maxPixels} or than its file
     *     can hold, or not a decodable image
     */
    public static BufferedImage readRgb(Path file, long maxPixels) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": file not found (expected an image file)");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            // a file-backed stream: no temporary cache file
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataException(
                        file + ": not a readable image (expected PNG, JPEG, GIF or BMP data)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new DataException(file + ": image has no pixels");
                }
                if (w * h > maxPixels) {
                    throw new DataException(file + ": image is " + w + "x" + h + " = " + w * h
                            + " pixels, over the limit of " + maxPixels + " (--max-pixels); not decoded");
                }
                long bytes = Files.size(file);
                if (w * h > bytes * MAX_PIXELS_PER_BYTE) {
                    throw new DataException(file + ": image header declares " + w + "x" + h + " pixels, more than"
                            + " a file of " + bytes + " bytes can hold; truncated or corrupt, not decoded");
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report corrupt data as IIOException, and occasionally as runtime errors.
            throw new DataException(
                    file + ": corrupt or unreadable image (" + oneLine(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw new DataException(file + ": image too large to decode in this Java heap (raise it with"
                    + " GEN4J_JAVA_OPTS=-Xmx..., or lower --max-pixels)");
        }
        return ImageOps.toRgb(img);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
