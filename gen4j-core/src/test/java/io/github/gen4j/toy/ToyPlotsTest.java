package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyPlotsTest {

    @Test
    void scatterPlotIsAPngOfTheStatedSizeWithBlueSamplesAtTheModes(@TempDir Path tmp) throws IOException {
        RingOfGaussians ring = RingOfGaussians.eight();
        Path png = tmp.resolve("plot.png");
        ToyPlots.writeScatter(png, ring, ring.sample(500, new SplittableRandom(2)), ring.sample(500,
                new SplittableRandom(3)), "test", 400, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        int blueish = count(img, 0, 400, 0, 300, true);
        assertTrue(blueish > 50, "blue sample markers drawn: " + blueish);
    }

    @Test
    void densityHeatMapIsAPngOfTheStatedSizeAndBrightWhereTheMassIs(@TempDir Path tmp) throws IOException {
        // a standard Gaussian on [-3, 3]^2: its brightest (yellow end of the ramp) cells are at the centre
        int n = 40;
        double ext = 3;
        float[] c = DensityGrid.centres(ext, n);
        double[] lp = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            lp[i] = -Math.log(2 * Math.PI) - (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]) / 2;
        }
        DensityGrid g = new DensityGrid(ext, n, lp, ToyModel.Density.EXACT, "test");
        assertEquals(1.0, g.integral(), 0.01);
        Path png = tmp.resolve("density.png");
        ToyPlots.writeDensity(png, g, "gaussian", 360, 360);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(360, img.getWidth());
        assertEquals(360, img.getHeight());
        int yellowCentre = count(img, 120, 240, 120, 240, false);
        int yellowCorners = count(img, 0, 60, 300, 360, false);
        assertTrue(yellowCentre > 100 && yellowCentre > 10 * yellowCorners, yellowCentre + " vs " + yellowCorners);
    }

    /** Pixels in the box that are blue (blue > red + 40) or yellow (red and green > 180, blue < 120). */
    private static int count(BufferedImage img, int x0, int x1, int y0, int y1, boolean blue) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int gr = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (blue ? b > r + 40 : r > 180 && gr > 180 && b < 120) {
                    n++;
                }
            }
        }
        return n;
    }
}
