package io.github.gen4j.eval;

import io.github.gen4j.data.ImageDataset;

/**
 * Sharpness as the variance of the Laplacian (Pech-Pacheco et al. 2000, the usual blur measure): per image
 * and channel, L = 4-neighbour Laplacian [[0, 1, 0], [1, -4, 1], [0, 1, 0]] of pixel values in [0, 1] over
 * interior pixels; the score of a set is the mean over images and channels of Var(L). Blur removes high
 * frequencies and lowers it; noise raises it. Reported relative to real images: ratio 1 = as sharp as the
 * data, below 1 = blurrier ("VAE samples are blurry" as a number).
 */
public final class Sharpness {

    private Sharpness() {}

    /** Mean variance of the Laplacian over all images and channels of {@code data}. */
    public static double of(ImageDataset data) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        if (h < 3 || w < 3) {
            throw new IllegalArgumentException("the Laplacian needs images of at least 3x3 pixels");
        }
        byte[] img = new byte[data.imageSize()];
        double total = 0;
        int count = (h - 2) * (w - 2);
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, img, 0);
            for (int ch = 0; ch < c; ch++) {
                int off = ch * h * w;
                double sum = 0;
                double sq = 0;
                for (int y = 1; y < h - 1; y++) {
                    for (int x = 1; x < w - 1; x++) {
                        int p = off + y * w + x;
                        int lap = (img[p - w] & 0xFF) + (img[p + w] & 0xFF) + (img[p - 1] & 0xFF)
                                + (img[p + 1] & 0xFF) - 4 * (img[p] & 0xFF);
                        double v = lap / 255.0;
                        sum += v;
                        sq += v * v;
                    }
                }
                double mean = sum / count;
                total += sq / count - mean * mean;
            }
        }
        return total / ((double) data.size() * c);
    }
}
