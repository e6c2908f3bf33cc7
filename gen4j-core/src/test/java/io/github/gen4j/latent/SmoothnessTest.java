package io.github.gen4j.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.eval.FeatureNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoothness measure on two hand-made latent spaces of 28x28 images (1-d latent: the brightness of a
 * square): one that brightens gradually, one that jumps from dark to bright at z = 0.
 */
class SmoothnessTest {

    /** Decodes z (B, 1) to a 12x12 square of brightness f(z) on black. */
    private record Fake(boolean jumpy) implements LatentSpace {
        @Override
        public String family() {
            return jumpy ? "jumpy" : "smooth";
        }

        @Override
        public String encoding() {
            return "none";
        }

        @Override
        public int dim() {
            return 1;
        }

        @Override
        public int numClasses() {
            return 0;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int imageSize() {
            return 28;
        }

        @Override
        public NDArray encode(NDManager m, NDArray raw, NDArray cond) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NDArray decode(NDManager m, NDArray z, NDArray cond) {
            float[] zs = z.toFloatArray();
            float[] px = new float[zs.length * 784];
            for (int i = 0; i < zs.length; i++) {
                float v = jumpy ? (zs[i] > 0 ? 0.9f : 0.2f) : 0.2f + 0.7f * (zs[i] + 1) / 2;
                for (int y = 8; y < 20; y++) {
                    for (int x = 8; x < 20; x++) {
                        px[i * 784 + y * 28 + x] = v;
                    }
                }
            }
            return m.create(px, new Shape(zs.length, 1, 28, 28));
        }
    }

    @Test
    void aJumpHasAHighCoefficientOfVariationAndAGradualPathALowOne() {
        List<Interpolations.Point[]> pairs = java.util.Collections.singletonList(new Interpolations.Point[] {
            new Interpolations.Point(new float[] {-1f}, null), new Interpolations.Point(new float[] {1f}, null)});
        try (FeatureNetwork net = FeatureNetwork.shipped(Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            Smoothness.Result smooth = Smoothness.measure(new Fake(false), m, net, pairs, 8, Interpolation.LERP, "test");
            Smoothness.Result jumpy = Smoothness.measure(new Fake(true), m, net, pairs, 8, Interpolation.LERP, "test");
            System.out.println("smooth " + smooth + "\njumpy " + jumpy);
            // one jump among 7 steps: cv = sqrt(6) = 2.45 exactly
            assertEquals(Math.sqrt(6), jumpy.stepCv(), 1e-6);
            assertTrue(smooth.stepCv() < 1.0, "gradual path cv " + smooth.stepCv());
            // a path is never shorter than the straight line between its ends
            assertTrue(smooth.pathRatio() >= 1 - 1e-9 && jumpy.pathRatio() >= 1 - 1e-9);
            assertEquals(1.0, jumpy.pathRatio(), 1e-6); // all the distance in one step
            assertTrue(smooth.stepMean() > 0);
            assertTrue(smooth.metrics().containsKey("interp_step_fmnistcnn"));
        }
    }
}
