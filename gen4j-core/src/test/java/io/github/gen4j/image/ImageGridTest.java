package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir Path dir;

    private static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    @Test
    void grayFloatGridGeometryAndValues() throws IOException {
        int n = 5, h = 3, w = 4, rows = 2, cols = 3, pad = 2;
        float[] images = new float[n * h * w];
        for (int i = 0; i < n; i++) {
            // image i is uniformly i / 4 in [0, 1]
            java.util.Arrays.fill(images, i * h * w, (i + 1) * h * w, i / 4f);
        }
        images[4 * h * w + 2 * w + 1] = 7f; // image 4, (y=2, x=1): clamps to 255
        images[4 * h * w] = -3f; // image 4, (0, 0): clamps to 0
        Path png = dir.resolve("grid.png");
        ImageGrid.write(png, images, n, 1, h, w, rows, cols, pad, 0f, 1f);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(cols * w + (cols + 1) * pad, img.getWidth());
        assertEquals(rows * h + (rows + 1) * pad, img.getHeight());
        assertEquals(ImageGrid.BACKGROUND, gray(img, 0, 0));
        assertEquals(0, gray(img, pad, pad)); // image 0
        assertEquals(Math.round(255 * 0.25f), gray(img, pad + (w + pad), pad)); // image 1
        assertEquals(ImageGrid.BACKGROUND, gray(img, pad + w, pad)); // gap between cells
        // image 4 is in row 1, column 1
        int x0 = pad + (w + pad), y0 = pad + (h + pad);
        assertEquals(255, gray(img, x0 + 1, y0 + 2));
        assertEquals(0, gray(img, x0, y0));
        assertEquals(255, gray(img, x0 + 3, y0 + 1)); // value 1.0
        // the sixth cell (row 1, column 2) is empty
        assertEquals(ImageGrid.BACKGROUND, gray(img, pad + 2 * (w + pad) + 1, y0 + 1));
    }

    @Test
    void rgbByteGridKeepsChannels() throws IOException {
        int h = 2, w = 2;
        byte[] px = new byte[2 * 3 * h * w];
        px[0] = (byte) 200; // image 0, R plane, pixel (0,0)
        px[3 * h * w + h * w + 3] = (byte) 150; // image 1, G plane, pixel (1,1)
        Path png = dir.resolve("rgb.png");
        ImageGrid.write(png, px, 2, 3, h, w, 1, 2, 1);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * w + 3, img.getWidth());
        assertEquals(h + 2, img.getHeight());
        assertEquals(0xC80000, img.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0x009600, img.getRGB(1 + w + 1 + 1, 1 + 1) & 0xFFFFFF);
    }

    @Test
    void pairsPutReconstructionsUnderOriginals() throws IOException {
        int n = 3, cols = 2, pad = 1;
        float[] orig = {10, 20, 30};
        float[] rec = {11, 21, 31};
        Path png = dir.resolve("pairs.png");
        ImageGrid.writePairs(png, orig, rec, n, 1, 1, 1, cols, pad, 0f, 255f);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(ImageGrid.gridHeight(4, 1, pad), img.getHeight()); // 2 pair rows
        int[][] expect = {{10, 20}, {11, 21}, {30, ImageGrid.BACKGROUND}, {31, ImageGrid.BACKGROUND}};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(expect[r][c], gray(img, pad + c * 2, pad + r * 2), "row " + r + " col " + c);
            }
        }
    }

    @Test
    void rejectsTooSmallGrid() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageGrid.render(new byte[5], 5, 1, 1, 1, 2, 2, 0));
    }
}
