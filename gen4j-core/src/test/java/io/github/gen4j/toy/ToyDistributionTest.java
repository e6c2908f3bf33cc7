package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyDistributionTest {

    @Test
    void ringSamplesCoverEveryModeAndAreSeeded() {
        RingOfGaussians ring = RingOfGaussians.eight();
        float[] a = ring.sample(4000, new SplittableRandom(1));
        assertArrayEquals(a, ring.sample(4000, new SplittableRandom(1)));
        ModeCoverage c = ModeCoverage.of(ring, a);
        assertEquals(8, c.covered());
        assertTrue(c.highQuality() > 0.98, "P(|N(0, I_2)| <= 3) = 1 - e^-4.5 = 0.989: " + c.highQuality());
        assertEquals(2.0, Math.hypot(ring.modes().get(3).x(), ring.modes().get(3).y()), 1e-12);
    }

    @Test
    void collapsedSamplesCoverOneMode() {
        RingOfGaussians ring = RingOfGaussians.eight();
        float[] pts = new float[2000];
        for (int i = 0; i < pts.length; i += 2) {
            pts[i] = 2.0f + (i % 7) * 0.01f; // all near the mode at angle 0
            pts[i + 1] = 0.01f;
        }
        ModeCoverage c = ModeCoverage.of(ring, pts);
        assertEquals(1, c.covered());
        assertEquals(1000, c.perMode()[0]);
        // points between two modes are no mode's
        assertEquals(0, ModeCoverage.of(ring, new float[] {0f, 0f, 2.0f, 0.9f}).covered());
        assertThrows(IllegalArgumentException.class, () -> new RingOfGaussians(8, 2, 0));
    }

    @Test
    void scatterPlotIsAPngOfTheRequestedSize(@TempDir Path tmp) throws IOException {
        RingOfGaussians ring = RingOfGaussians.eight();
        Path png = tmp.resolve("plot.png");
        ScatterPlot.write(png, ring, ring.sample(500, new SplittableRandom(2)),
                ring.sample(500, new SplittableRandom(3)), "test", 200);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(200, img.getWidth());
        assertEquals(200, img.getHeight());
        // blue sample dots must be drawn where the mode at (2, 0) sits: x = (2 + 3.2) * 200 / 6.4 = 162.5
        int blueish = 0;
        for (int y = 90; y < 110; y++) {
            for (int x = 150; x < 175; x++) {
                int rgb = img.getRGB(x, y);
                if ((rgb & 0xFF) > ((rgb >> 16) & 0xFF) + 40) {
                    blueish++;
                }
            }
        }
        assertTrue(blueish > 5, "sample dots near the mode at (2, 0): " + blueish);
    }
}
