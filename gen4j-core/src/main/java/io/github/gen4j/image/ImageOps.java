package io.github.gen4j.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Pixel conversions shared by every image reader and writer: any decoded image to 8-bit RGB
 * (alpha composited over white), center-crop plus good-quality resize, and conversion between
 * {@link BufferedImage} and planar C x H x W unsigned bytes. This is the one implementation of
 * resizing used by {@link PngImages} and {@code ImageFolderDataset}.
 */
public final class ImageOps {

    private ImageOps() {}

    /**
     * Converts a decoded image to {@code TYPE_INT_RGB}. Transparent pixels are composited over
     * white: {@code out = a * c + (1 - a) * 255}. Grayscale images keep their stored values
     * exactly: they are read from the raster, because {@code getRGB} on a gray image treats gray
     * as linear light and gamma-converts it to sRGB (128 would become 188).
     */
    public static BufferedImage toRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        ColorModel cm = src.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            Raster r = src.getRaster();
            int max = (1 << cm.getComponentSize(0)) - 1;
            int alphaBand = cm.hasAlpha() ? r.getNumBands() - 1 : -1;
            int alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(alphaBand)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int g = (r.getSample(x, y, 0) * 255 + max / 2) / max;
                    if (alphaBand >= 0) {
                        int a = (r.getSample(x, y, alphaBand) * 255 + alphaMax / 2) / alphaMax;
                        g = over(g, a);
                    }
                    row[x] = g * 0x010101;
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied sRGB ARGB
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int a = p >>> 24;
                if (a != 255) {
                    p = over((p >> 16) & 0xFF, a) << 16 | over((p >> 8) & 0xFF, a) << 8 | over(p & 0xFF, a);
                }
                row[x] = p & 0xFFFFFF;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Composites an 8-bit value with alpha {@code a} (0..255) over white. */
    private static int over(int c, int a) {
        return (c * a + 255 * (255 - a) + 127) / 255;
    }

    /** True if every pixel of an RGB image has R = G = B. */
    public static boolean isGray(BufferedImage rgb) {
        int w = rgb.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < rgb.getHeight(); y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                int r = (p >> 16) & 0xFF;
                if (r != ((p >> 8) & 0xFF) || r != (p & 0xFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Crops the centered square of side {@code min(H, W)} and scales it to {@code size x size}
     * (equivalently: resize the shorter side to {@code size}, then center-crop). Downscaling
     * halves the image repeatedly with bilinear filtering, which for an exact halving averages
     * each 2x2 block (a box filter, so no aliasing), then finishes with one bicubic step;
     * upscaling is a single bicubic step.
     *
     * @param rgb a {@code TYPE_INT_RGB} image, e.g. from {@link #toRgb}
     * @param size the output side, or 0 to return the image unchanged
     */
    public static BufferedImage centerCropResize(BufferedImage rgb, int size) {
        if (size <= 0) {
            return rgb;
        }
        int s = Math.min(rgb.getWidth(), rgb.getHeight());
        BufferedImage cur =
                rgb.getSubimage((rgb.getWidth() - s) / 2, (rgb.getHeight() - s) / 2, s, s);
        while (s / 2 >= size) {
            s /= 2;
            cur = scale(cur, s, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (s != size) {
            cur = scale(cur, size, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return cur;
    }

    private static BufferedImage scale(BufferedImage src, int side, Object interpolation) {
        BufferedImage dst = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /**
     * Planar unsigned bytes of an RGB image: {@code channels = 3} gives the R, G and B planes;
     * {@code channels = 1} gives luminance {@code Y = 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601,
     * rounded), which is exact for gray pixels.
     */
    public static byte[] toChw(BufferedImage rgb, int channels) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int hw = h * w;
        int[] p = rgb.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[channels * hw];
        for (int i = 0; i < hw; i++) {
            int r = (p[i] >> 16) & 0xFF;
            int g = (p[i] >> 8) & 0xFF;
            int b = p[i] & 0xFF;
            if (channels == 1) {
                out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            } else if (channels == 3) {
                out[i] = (byte) r;
                out[hw + i] = (byte) g;
                out[2 * hw + i] = (byte) b;
            } else {
                throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            }
        }
        return out;
    }

    /**
     * An image from planar unsigned bytes at {@code offset}: {@code TYPE_BYTE_GRAY} for one
     * channel (values stored as is), {@code TYPE_INT_RGB} for three.
     */
    public static BufferedImage fromChw(byte[] chw, int offset, int channels, int h, int w) {
        int hw = h * w;
        if (channels == 1) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(chw, offset, dst, 0, hw);
            return img;
        }
        if (channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        int[] p = new int[hw];
        for (int i = 0; i < hw; i++) {
            p[i] = (chw[offset + i] & 0xFF) << 16 | (chw[offset + hw + i] & 0xFF) << 8
                    | (chw[offset + 2 * hw + i] & 0xFF);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, p, 0, w);
        return img;
    }

    /**
     * Maps floats linearly from {@code [lo, hi]} to 0..255, rounding and clamping; NaN maps to 0.
     */
    public static byte[] toUint8(float[] src, int count, float lo, float hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("need lo < hi, got [" + lo + ", " + hi + "]");
        }
        float k = 255f / (hi - lo);
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            float v = (src[i] - lo) * k;
            out[i] = (byte) (v >= 255f ? 255 : v > 0f ? Math.round(v) : 0); // NaN fails both tests
        }
        return out;
    }

    /**
     * Mean squared error of {@code n} values of {@code x} from {@code xFrom}, clipped to [0, 1], against
     * {@code ref} from {@code refFrom} (images in [0, 1]).
     */
    public static double mse(float[] x, int xFrom, float[] ref, int refFrom, int n) {
        double se = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.min(1, Math.max(0, x[xFrom + i])) - ref[refFrom + i];
            se += e * e;
        }
        return se / n;
    }

    /** Peak signal-to-noise ratio in dB of a mean squared error of pixels in [0, 1]; 120 dB for an exact match. */
    public static double psnr(double mse) {
        return 10 * Math.log10(1 / Math.max(mse, 1e-12));
    }
}
