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

    /** The pixels as floats in [0, 1] (value / 255), C x H x W: the form models take images in. */
    public float[] unit() {
        float[] out = new float[chw.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (chw[i] & 0xFF) / 255f;
        }
        return out;
    }
}
