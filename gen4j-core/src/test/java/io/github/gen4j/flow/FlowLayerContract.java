package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every bijection in a flow, tested once: the inverse undoes the forward map, and the
 * reported log-determinant equals log |det J| of the Jacobian, which is computed here by automatic
 * differentiation (one backward pass per output) and a double-precision LU on the host. A garbage
 * collection is forced before each backward pass so that gradients through constants whose memory the
 * engine does not own fail here (see {@link io.github.gen4j.nn.Ops}).
 *
 * <p>Each implementation gets a small subclass saying how to build it on a tiny input; trained
 * parameters are set to random values first, so that no layer passes by being the identity.
 */
abstract class FlowLayerContract {

    /** What the contract needs: forward with log-determinant, and inverse. */
    interface Bijection {
        FlowLayer.Result forward(ParameterStore ps, NDArray x, NDArray cond);

        NDArray inverse(ParameterStore ps, NDArray y, NDArray cond);
    }

    protected NDManager manager;
    protected ParameterStore ps;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
        Gen4j.engine().setRandomSeed(1234);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The input (C, H, W); C * H * W is kept small (<= 32) for the Jacobian. */
    protected abstract Shape inputShape();

    /** Builds and initializes the bijection with random trained parameters. */
    protected abstract Bijection create();

    /** A random input batch (B, C, H, W); override where the domain is restricted. */
    protected NDArray input(int batch) {
        Shape s = inputShape();
        return manager.randomNormal(new Shape(batch, s.get(0), s.get(1), s.get(2)));
    }

    /** The conditioning one-hot (B, K), or null. */
    protected NDArray cond(int batch) {
        return null;
    }

    /** Sets every trained parameter of {@code block} to N(0, scale^2) noise (fixed ones stay). */
    protected void randomize(Block block, float scale) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray a = p.getValue().getArray();
                manager.randomNormal(0f, scale, a.getShape(), a.getDataType()).copyTo(a);
            }
        }
    }

    @Test
    void inverseOfForwardReturnsTheInput() {
        Bijection f = create();
        NDArray x = input(4);
        NDArray c = cond(4);
        NDArray y = f.forward(ps, x, c).y();
        NDArray back = f.inverse(ps, y, c);
        assertArrayEquals(x.getShape().getShape(), back.getShape().getShape());
        float err = back.sub(x).abs().max().getFloat();
        assertTrue(err < 1e-4, "max |inverse(forward(x)) - x| = " + err);
        assertTrue(y.isInfinite().sum().getLong() == 0 && y.isNaN().sum().getLong() == 0, "non-finite output");
    }

    @Test
    void logDetEqualsLogAbsDetOfTheJacobian() {
        Bijection f = create();
        NDArray x = input(1);
        NDArray c = cond(1);
        int d = (int) x.size();
        float[] x0 = x.toFloatArray();
        double reported = f.forward(ps, x, c).logDet().getFloat(0);
        double[] jac = new double[d * d];
        for (int i = 0; i < d; i++) {
            try (NDManager s = manager.newSubManager();
                    GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray xi = s.create(x0, x.getShape());
                xi.setRequiresGradient(true);
                NDArray y = f.forward(ps, xi, c).y().reshape(-1);
                assertEquals(d, y.size(), "a bijection keeps the dimension");
                // a collection between forward and backward exposes constants whose memory autograd does
                // not own (see nn.Ops): their gradients would read freed buffers
                System.gc();
                gc.backward(y.get(i));
                float[] g = xi.getGradient().toFloatArray();
                for (int j = 0; j < d; j++) {
                    jac[i * d + j] = g[j];
                }
            }
        }
        double numeric = HostLinalg.logAbsDet(jac, d);
        assertEquals(numeric, reported, 1e-3 * Math.max(1, Math.abs(numeric)),
                "log |det J| by autograd vs the layer's log-determinant");
    }
}
