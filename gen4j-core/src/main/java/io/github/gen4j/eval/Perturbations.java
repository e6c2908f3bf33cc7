package io.github.gen4j.eval;

import io.github.gen4j.data.ImageDataset;
import java.util.SplittableRandom;

/**
 * Degraded copies of real images for the sanity table and tests: Gaussian blur and additive Gaussian
 * noise, rounded back to 8 bits. Labels and class names are kept.
 */
public final class Perturbations {

    private Perturbations() {}

    /**
     * Separable Gaussian blur with standard deviation {@code sigma} pixels (kernel radius ceil(3 sigma),
     * weights normalized; borders use the nearest edge pixel).
     */
    public static ImageDataset blur(ImageDataset data, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        byte[] out = new byte[data.size() * data.imageSize()];
        byte[] img = new byte[data.imageSize()];
        double[] tmp = new double[h * w];
        for (int n = 0; n < data.size(); n++) {
            data.copyImage(n, img, 0);
            for (int ch = 0; ch < c; ch++) {
                int off = ch * h * w;
                for (int y = 0; y < h; y++) { // horizontal pass
                    for (int x = 0; x < w; x++) {
                        double v = 0;
                        for (int i = -r; i <= r; i++) {
                            int xx = Math.min(w - 1, Math.max(0, x + i));
                            v += k[i + r] * (img[off + y * w + xx] & 0xFF);
                        }
                        tmp[y * w + x] = v;
                    }
                }
                for (int y = 0; y < h; y++) { // vertical pass
                    for (int x = 0; x < w; x++) {
                        double v = 0;
                        for (int i = -r; i <= r; i++) {
                            int yy = Math.min(h - 1, Math.max(0, y + i));
                            v += k[i + r] * tmp[yy * w + x];
                        }
                        out[n * data.imageSize() + off + y * w + x] = toByte(v);
                    }
                }
            }
        }
        return copyWith(data, out, data.name() + ", blurred (sigma " + sigma + " px)");
    }

    /** Adds N(0, sigma^2) noise to pixel values in [0, 1] (seeded), clipped and rounded to 8 bits. */
    public static ImageDataset noise(ImageDataset data, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] out = new byte[data.size() * data.imageSize()];
        byte[] img = new byte[data.imageSize()];
        for (int n = 0; n < data.size(); n++) {
            data.copyImage(n, img, 0);
            for (int j = 0; j < img.length; j++) {
                out[n * img.length + j] = toByte((img[j] & 0xFF) + 255 * sigma * gaussian(rng));
            }
        }
        return copyWith(data, out, data.name() + ", noisy (sigma " + sigma + ")");
    }

    /** The images of {@code data} labelled {@code label}. */
    public static ImageDataset onlyClass(ImageDataset data, int label) {
        int[] idx = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.label(i) == label).toArray();
        ImageDataset s = data.subset(idx);
        return new ImageDataset(data.name() + ", class " + label + " only", copyPixels(s), s.size(), s.channels(),
                s.height(), s.width(), labels(s), s.classNames());
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller from two uniforms in (0, 1]
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static byte toByte(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static ImageDataset copyWith(ImageDataset data, byte[] pixels, String name) {
        return new ImageDataset(name, pixels, data.size(), data.channels(), data.height(), data.width(), labels(data),
                data.classNames());
    }

    private static byte[] copyPixels(ImageDataset d) {
        byte[] px = new byte[d.size() * d.imageSize()];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, px, i * d.imageSize());
        }
        return px;
    }

    private static int[] labels(ImageDataset d) {
        if (!d.hasLabels()) {
            return null;
        }
        int[] l = new int[d.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.label(i);
        }
        return l;
    }
}
