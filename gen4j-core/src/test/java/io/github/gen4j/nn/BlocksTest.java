package io.github.gen4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

/** The shared blocks: output shapes as declared, and GroupNorm's and the time embedding's math. */
class BlocksTest {

    /** Initializes {@code b} for the inputs, runs it, and checks the output against getOutputShapes. */
    private static NDArray run(NDManager m, Block b, NDArray... in) {
        Shape[] shapes = new Shape[in.length];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].getShape();
        }
        b.initialize(m, DataType.FLOAT32, shapes);
        NDArray out = b.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
        assertEquals(b.getOutputShapes(shapes)[0], out.getShape());
        return out;
    }

    @Test
    void groupNormNormalizesEachGroupOfEachImage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(1);
            NDArray x = m.randomNormal(3f, 2f, new Shape(2, 8, 5, 5), DataType.FLOAT32);
            NDArray y = run(m, new GroupNorm(4), x); // gamma = 1, beta = 0 at initialization
            NDArray g = y.reshape(2, 4, -1); // (B, G, 2*25)
            float[] mean = g.mean(new int[] {2}).toFloatArray();
            float[] var = g.sub(g.mean(new int[] {2}, true)).square().mean(new int[] {2}).toFloatArray();
            for (int i = 0; i < mean.length; i++) {
                assertEquals(0, mean[i], 1e-4);
                assertEquals(1, var[i], 1e-3);
            }
        }
    }

    @Test
    void groupNormUsesADivisorOfTheChannelCount() {
        assertEquals(8, GroupNorm.groupsFor(8, 64));
        assertEquals(4, GroupNorm.groupsFor(8, 12));
        assertEquals(1, GroupNorm.groupsFor(8, 3));
    }

    @Test
    void residualBlockShapesWithAndWithoutEmbeddingAndChannelChange() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 6, 7, 7));
            NDArray emb = m.randomNormal(new Shape(2, 16));
            assertEquals(new Shape(2, 12, 7, 7), run(m, new ResidualBlock(6, 12, true, 0.1f, 4), x, emb).getShape());
            assertEquals(new Shape(2, 6, 7, 7), run(m, new ResidualBlock(6, 6, false, 0f, 2), x).getShape());
        }
    }

    @Test
    void selfAttentionKeepsTheShapeAndChecksHeads() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 8, 4, 4));
            assertEquals(x.getShape(), run(m, new SelfAttention(8, 2, 4), x).getShape());
            assertThrows(IllegalArgumentException.class, () -> new SelfAttention(8, 3, 4));
        }
    }

    @Test
    void sinusoidalEmbeddingMatchesTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray e = TimeEmbedding.sinusoidal(m.create(new float[] {0f, 10f}), 8);
            assertEquals(new Shape(2, 8), e.getShape());
            float[] v = e.toFloatArray();
            for (int i = 0; i < 4; i++) {
                double f = Math.exp(-Math.log(10000) * i / 4);
                assertEquals(0, v[i], 1e-6); // sin(0)
                assertEquals(1, v[4 + i], 1e-6); // cos(0)
                assertEquals(Math.sin(10 * f), v[8 + i], 1e-5);
                assertEquals(Math.cos(10 * f), v[12 + i], 1e-5);
            }
        }
    }
}
