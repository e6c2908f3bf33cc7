package io.github.gen4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** {@link Scope}: a layer's intermediates are freed on return, its outputs and its gradients are not. */
class ScopeTest {

    @Test
    void onlyTheOutputsOutliveTheLayer() {
        try (NDManager home = NDManager.newBaseManager()) {
            NDArray x = home.ones(new Shape(3));
            int before = home.getManagedArrays().size();
            // two intermediates (x + 1, x + 2) and one output
            NDList out = Scope.run(x, in -> new NDList(in.add(1f).mul(in.add(2f))));
            assertEquals(before + 1, home.getManagedArrays().size());
            assertSame(home, x.getManager());
            assertSame(home, out.singletonOrThrow().getManager());
            assertArrayEquals(new float[] {6f, 6f, 6f}, out.singletonOrThrow().toFloatArray());
        }
    }

    @Test
    void gradientsThroughAScopeSurviveGarbageCollection() throws InterruptedException {
        for (int trial = 0; trial < 20; trial++) {
            // the constant and the product are closed when the scope ends, long before backward reads them
            float g = OpsTest.gradientAfterGc(x -> Scope.run(x, in -> new NDList(in.mul(
                    Ops.constant(in.getManager(), new float[] {3f, 3f, 3f, 3f}, new Shape(4))).add(1f)))
                    .singletonOrThrow(), 2f);
            assertEquals(3f, g, 0f);
        }
    }

    @Test
    void chunksConcatenateToOnePass() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(10f).reshape(5, 2);
            // 5 rows in chunks of 2 (2, 2, 1), two outputs per chunk
            NDList out = Scope.inChunks(5, 2, r -> Scope.run(x.get(r), c -> new NDList(c.mul(c), c.sum(new int[] {1}))));
            assertArrayEquals(x.mul(x).toFloatArray(), out.get(0).toFloatArray());
            assertArrayEquals(x.sum(new int[] {1}).toFloatArray(), out.get(1).toFloatArray());
        }
    }
}
