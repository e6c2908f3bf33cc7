package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pixel conversions and the error measures every reconstruction report uses. */
class ImageOpsTest {

    @Test
    void mseClipsTheImageToTheUnitRangeAndPsnrFollowsItsDefinition() {
        float[] ref = {0f, 0.5f, 1f, 0.2f};
        // 1.4 clips to 1 (error 0) and -0.3 to 0 (error 0); 0.6 vs 0.5 and 0.3 vs 0.2 are off by 0.1
        float[] x = {-0.3f, 0.6f, 1.4f, 0.3f};
        assertEquals(0.02 / 4, ImageOps.mse(x, 0, ref, 0, 4), 1e-7);
        assertEquals(0.01, ImageOps.mse(new float[] {9f, 0.6f, 0.3f}, 1, ref, 1, 1), 1e-7, "offsets");
        assertEquals(20, ImageOps.psnr(0.01), 1e-9);
        assertEquals(120, ImageOps.psnr(0), 1e-9, "an exact match is capped, not infinite");
    }

    @Test
    void toUint8RoundsClampsAndMapsNanToZero() {
        byte[] u = ImageOps.toUint8(new float[] {0f, 0.5f, 1f, -1f, 2f, Float.NaN}, 6, 0f, 1f);
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 0, (byte) 255, 0}, u);
    }
}
