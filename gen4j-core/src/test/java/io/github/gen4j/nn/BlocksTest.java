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
    void fusedGroupNormSiluHasTheValuesAndGradientsOfTheFormulaWrittenOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(2);
            NDArray x = m.randomNormal(1f, 2f, new Shape(2, 6, 3, 4), DataType.FLOAT32);
            NDArray r = m.randomNormal(new Shape(2, 6, 3, 4)); // weights of the test loss sum(r * y)
            GroupNorm gn = GroupNorm.withSilu(3);
            gn.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray gamma = gn.getParameters().get("gamma").getArray();
            NDArray beta = gn.getParameters().get("beta").getArray();
            m.randomNormal(1f, 0.5f, gamma.getShape(), DataType.FLOAT32).copyTo(gamma);
            m.randomNormal(0f, 0.5f, beta.getShape(), DataType.FLOAT32).copyTo(beta);
            // the same arithmetic written out with DJL ops, on copies that collect their own gradients
            NDArray x2 = x.duplicate();
            NDArray gamma2 = gamma.duplicate();
            NDArray beta2 = beta.duplicate();
            x.setRequiresGradient(true);
            x2.setRequiresGradient(true);
            gamma2.setRequiresGradient(true);
            beta2.setRequiresGradient(true);
            NDArray fused = null;
            NDArray written;
            // TorchScript switches to an optimized graph after its first calls: run it a few times, the last
            // in inference mode (a caller may differentiate through an eval-mode network)
            for (int i = 0; i < 3; i++) {
                fused = gn.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            }
            try (ai.djl.training.GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                fused = gn.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                NDArray g = x2.reshape(2, 3, -1); // (B, G, C/G*H*W)
                NDArray c = g.sub(g.mean(new int[] {2}, true));
                NDArray var = c.square().mean(new int[] {2}, true);
                NDArray y = c.div(var.add(1e-5f).sqrt()).reshape(x.getShape()).mul(gamma2).add(beta2);
                written = y.mul(y.getNDArrayInternal().sigmoid());
                gc.backward(fused.mul(r).sum().add(written.mul(r).sum()));
            }
            assertClose(written, fused, 1e-5f, "values");
            assertClose(x2.getGradient(), x.getGradient(), 1e-4f, "dL/dx");
            assertClose(gamma2.getGradient(), gamma.getGradient(), 1e-4f, "dL/dgamma");
            assertClose(beta2.getGradient(), beta.getGradient(), 1e-4f, "dL/dbeta");
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, float tol, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what);
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), what + " [" + i + "]");
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
