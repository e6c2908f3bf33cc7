package io.github.gen4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import io.github.gen4j.model.SampleOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing with an (untrained) tiny model: what must hold whatever the weights are. */
class DiffusionEditingTest {

    private static DiffusionTask init(NDManager m) {
        DiffusionTask task = DiffusionTaskTest.task(0, DiffusionConfig.Prediction.EPSILON);
        Gen4j.engine().setRandomSeed(5);
        task.initialize(m);
        return task;
    }

    @Test
    void inpaintingKeepsTheUnmaskedPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionEditing edit = new DiffusionEditing(init(m));
            NDArray images = m.randomUniform(0.1f, 0.9f, new Shape(2, 1, 8, 8));
            float[] mask = new float[64];
            for (int y = 2; y < 6; y++) {
                for (int x = 2; x < 6; x++) {
                    mask[y * 8 + x] = 1;
                }
            }
            for (DiffusionEditing.InpaintMethod method : DiffusionEditing.InpaintMethod.values()) {
                List<Integer> progress = new ArrayList<>();
                NDArray out = edit.inpaint(m, images, m.create(mask).reshape(1, 1, 8, 8), method, 6, 3,
                        SampleOptions.defaults().withProgress((d, t) -> progress.add(t)));
                assertEquals(images.getShape(), out.getShape());
                float[] a = images.toFloatArray();
                float[] b = out.toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    if (mask[i % 64] == 0) {
                        assertEquals(a[i], b[i], 1e-4, method + " changed a kept pixel");
                    }
                }
                assertEquals(method == DiffusionEditing.InpaintMethod.REPAINT ? 16 : 6, progress.size());
            }
        }
    }

    @Test
    void denoisingStartsAtTheMatchingNoiseLevelAndReturnsImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionTask task = init(m);
            DiffusionEditing edit = new DiffusionEditing(task);
            int t = edit.denoiseLevel(0.1);
            double ab = task.schedule().alphaBar(t);
            assertEquals(0.2, Math.sqrt((1 - ab) / ab), 0.02); // 0.1 in [0, 1] pixels = 0.2 in [-1, 1]
            assertTrue(edit.denoiseLevel(0.3) > t);
            List<Integer> calls = new ArrayList<>();
            NDArray noisy = m.randomUniform(0f, 1f, new Shape(2, 1, 8, 8));
            NDArray out = edit.denoise(m, noisy, 0.1, SampleOptions.defaults().withSampler("ddim", 5)
                    .withProgress((d, total) -> calls.add(d)));
            assertEquals(noisy.getShape(), out.getShape());
            assertTrue(out.min().getFloat() >= 0 && out.max().getFloat() <= 1);
            assertEquals(5, calls.size());
            assertThrows(IllegalArgumentException.class, () -> edit.denoise(m, noisy, 0, SampleOptions.defaults()));
        }
    }

    @Test
    void inversionIsDeterministicAndGenerationFromItIsToo() {
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionEditing edit = new DiffusionEditing(init(m));
            NDArray images = m.randomUniform(0f, 1f, new Shape(2, 1, 8, 8));
            Gen4j.engine().setRandomSeed(1);
            NDArray z1 = edit.invert(m, images, 10, SampleOptions.defaults());
            Gen4j.engine().setRandomSeed(2);
            NDArray z2 = edit.invert(m, images, 10, SampleOptions.defaults());
            assertArrayEquals(z1.toFloatArray(), z2.toFloatArray());
            assertEquals(images.getShape(), z1.getShape());
            Gen4j.engine().setRandomSeed(3);
            float[] g1 = edit.generateFrom(m, z1, 10, SampleOptions.defaults()).toFloatArray();
            Gen4j.engine().setRandomSeed(4);
            float[] g2 = edit.generateFrom(m, z1, 10, SampleOptions.defaults()).toFloatArray();
            assertArrayEquals(g1, g2);
        }
    }
}
