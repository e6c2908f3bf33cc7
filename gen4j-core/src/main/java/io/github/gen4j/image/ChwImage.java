package io.github.gen4j.image;

/**
 * One image as planar unsigned bytes.
 *
 * @param chw {@code channels * height * width} bytes in C, H, W order
 * @param channels 1 (gray) or 3 (RGB)
 * @param height rows
 * @param width columns
 */
public record ChwImage(byte[] chw, int channels, int height, int width) {

    public ChwImage {
        if ((long) channels * height * width != chw.length) {
            throw new IllegalArgumentException(
                    chw.length + " bytes for a " + channels + "x" + height + "x" + width + " image");
        }
    }
}
