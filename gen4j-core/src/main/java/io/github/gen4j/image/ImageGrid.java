package io.github.gen4j.image;

import io.github.gen4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Temporary grid writer (replaced by the data-io branch's version on merge). */
public final class ImageGrid {
    private ImageGrid() {}

    public static void write(Path png, float[] images, int n, int channels, int h, int w, int rows, int cols,
            int padding, float lo, float hi) throws IOException {
        int gw = cols * w + (cols + 1) * padding;
        int gh = rows * h + (rows + 1) * padding;
        BufferedImage img = new BufferedImage(gw, gh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                img.setRGB(x, y, 0xDDDDDD);
            }
        }
        for (int i = 0; i < Math.min(n, rows * cols); i++) {
            int oy = padding + (i / cols) * (h + padding);
            int ox = padding + (i % cols) * (w + padding);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] v = new int[3];
                    for (int c = 0; c < 3; c++) {
                        int cc = channels == 1 ? 0 : c;
                        float f = (images[((i * channels + cc) * h + y) * w + x] - lo) / (hi - lo);
                        v[c] = Math.max(0, Math.min(255, Math.round(f * 255)));
                    }
                    img.setRGB(ox + x, oy + y, (v[0] << 16) | (v[1] << 8) | v[2]);
                }
            }
        }
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }
}
