package io.github.gen4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.gen4j.Gen4j;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through {@link Ops} stay exact when the garbage collector runs between forward and backward
 * and Java direct memory is reused: the situation in which DJL's {@code x.mul(3f)} returned wrong
 * gradients in 190 of 200 trials.
 */
class OpsTest {

    /** Runs f forward, provokes a GC and direct-memory reuse, runs backward; returns dL/dx[0]. */
    static float gradientAfterGc(UnaryOperator<NDArray> f, float x0) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.full(new Shape(4), x0);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray y = f.apply(x);
                System.gc();
                Thread.sleep(1);
                List<ByteBuffer> junk = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                    b.putFloat(0, 1e20f);
                    junk.add(b);
                }
                gc.backward(y.sum());
            }
            return x.getGradient().toFloatArray()[0];
        }
    }

    @Test
    void gradientsOfConstantOpsSurviveGarbageCollection() throws InterruptedException {
        for (int trial = 0; trial < 20; trial++) {
            assertEquals(3f, gradientAfterGc(x -> Ops.mul(x, 3), 2f), 0f, "mul");
            assertEquals(0.25f, gradientAfterGc(x -> Ops.div(x, 4), 2f), 0f, "div");
            assertEquals(1f, gradientAfterGc(x -> Ops.maximum(x, 0.5), 2f), 0f, "maximum");
            assertEquals(0f, gradientAfterGc(x -> Ops.minimum(x, 0.5), 2f), 0f, "minimum");
            assertEquals(12f, gradientAfterGc(x -> Ops.pow(x, 3), 2f), 1e-5f, "pow");
        }
    }

    @Test
    void siluAndSoftplusMatchTheirDefinitions() throws InterruptedException {
        double s = 1 / (1 + Math.exp(-2.0));
        // d/dx x sigmoid(x) = s + x s (1 - s)
        assertEquals(s + 2 * s * (1 - s), gradientAfterGc(Ops::silu, 2f), 1e-6);
        // d/dx softplus(x) = sigmoid(x)
        assertEquals(s, gradientAfterGc(Ops::softplus, 2f), 1e-6);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray big = m.create(new float[] {-100f, 0f, 100f});
            float[] sp = Ops.softplus(big).toFloatArray();
            assertEquals(0f, sp[0], 1e-6f);
            assertEquals((float) Math.log(2), sp[1], 1e-6f);
            assertEquals(100f, sp[2], 1e-4f);
        }
    }
}
