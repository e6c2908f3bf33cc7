package io.github.gen4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

/** {@link Upsample} and {@link PixelShuffle} against their index definitions, values and gradients. */
class ResamplingTest {

    @Test
    void nearestUpsamplingRepeatsEachPixelAndSumsGradientsPerBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(12f).reshape(1, 3, 2, 2);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                y = Upsample.nearest(x, 3);
                // weight every output pixel by its column so the gradient shows which block it came from
                NDArray w = m.arange(6f).reshape(1, 1, 1, 6);
                gc.backward(y.mul(w).sum());
            }
            assertEquals(new Shape(1, 3, 6, 6), y.getShape());
            float[] in = x.toFloatArray();
            float[] out = y.toFloatArray();
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 6; j++) {
                        assertEquals(in[c * 4 + (i / 3) * 2 + j / 3], out[c * 36 + i * 6 + j], 0f);
                    }
                }
            }
            // column block 0 holds columns 0..2 (sum 3), block 1 columns 3..5 (sum 12); 3 rows each
            float[] g = x.getGradient().toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(new float[] {9, 36, 9, 36}, java.util.Arrays.copyOfRange(g, c * 4, c * 4 + 4), 0f);
            }
        }
    }

    @Test
    void pixelShuffleMovesChannelCrr_ij_ToPixel_rh_i_rw_j() {
        try (NDManager m = NDManager.newBaseManager()) {
            int r = 2;
            NDArray x = m.arange(2f * 8 * 3 * 5).reshape(2, 8, 3, 5); // (B, C r^2, H, W), C = 2
            NDArray y = PixelShuffle.shuffle(x, r);
            assertEquals(new Shape(2, 2, 6, 10), y.getShape());
            float[] in = x.toFloatArray();
            float[] out = y.toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 2; c++) {
                    for (int oh = 0; oh < 6; oh++) {
                        for (int ow = 0; ow < 10; ow++) {
                            int ic = c * r * r + (oh % r) * r + (ow % r);
                            float expected = in[((b * 8 + ic) * 3 + oh / r) * 5 + ow / r];
                            assertEquals(expected, out[((b * 2 + c) * 6 + oh) * 10 + ow], 0f);
                        }
                    }
                }
            }
            assertEquals(new Shape(2, 2, 6, 10), PixelShuffle.block(r).getOutputShapes(new Shape[] {x.getShape()})[0]);
        }
    }
}
