package io.github.gen4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharpnessTest {

    @Test
    void blurLowersAndNoiseRaisesTheVarianceOfTheLaplacian() {
        ImageDataset d = TestImages.shapes(50, 1, 16, 1);
        double s = Sharpness.of(d);
        assertTrue(Sharpness.of(Perturbations.blur(d, 1.0)) < 0.5 * s);
        assertTrue(Sharpness.of(Perturbations.noise(d, 0.1, 3)) > s);
    }

    @Test
    void matchesTheDefinitionOnACheckerboard() {
        // a 0/255 checkerboard: every interior Laplacian is +-4 (in units of 1), alternating: variance 16
        byte[] px = new byte[5 * 5];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                px[y * 5 + x] = (byte) ((x + y) % 2 == 0 ? 255 : 0);
            }
        }
        ImageDataset d = new ImageDataset("checker", px, 1, 1, 5, 5, null, List.of());
        // interior 3x3: five "white" centres (L = -4) and four "black" ones (L = +4); mean -4/9
        double mean = (5 * -4.0 + 4 * 4.0) / 9;
        double var = 16 - mean * mean;
        assertEquals(var, Sharpness.of(d), 1e-12);
    }
}
