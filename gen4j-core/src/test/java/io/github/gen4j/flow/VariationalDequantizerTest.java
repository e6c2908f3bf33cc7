package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

class VariationalDequantizerTest {

    /**
     * u = sigmoid(mu + exp(ls) eps) is elementwise in eps, so log q(u | v) must equal
     * sum [log N(eps) - log du/deps], with du/deps from autograd of sum(u).
     */
    @Test
    void logQIsTheDensityOfTheNoiseTransformAndUStaysInTheBin() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            VariationalDequantizer q = new VariationalDequantizer(new Shape(1, 3, 3), 8, 2.0);
            q.initialize(m, DataType.FLOAT32, new Shape(1, 1, 3, 3));
            for (Pair<String, Parameter> p : q.getParameters()) { // leave the zero-initialized start
                NDArray a = p.getValue().getArray();
                m.randomNormal(0f, 0.5f, a.getShape(), DataType.FLOAT32).copyTo(a);
            }
            NDArray raw = m.randomInteger(0, 256, new Shape(2, 1, 3, 3), DataType.INT32).toType(DataType.FLOAT32, false);
            NDArray eps = m.randomNormal(new Shape(2, 1, 3, 3));
            eps.setRequiresGradient(true);
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                VariationalDequantizer.Sample s = q.transform(new ParameterStore(m, false), raw, eps, true);
                NDArray u = Ops.mul(s.x(), 256).sub(raw); // (x * 256 - v), differentiable in eps
                assertTrue(u.min().getFloat() >= 0 && u.max().getFloat() <= 1, "u must stay in [0, 1]");
                gc.backward(u.sum());
                NDArray dudeps = eps.getGradient();
                NDArray logN = eps.stopGradient().square().mul(-0.5f).sub((float) (0.5 * Math.log(2 * Math.PI)));
                float[] expected = logN.sub(dudeps.log()).reshape(2, -1).sum(new int[] {1}).toFloatArray();
                float[] got = s.logQ().toFloatArray();
                for (int i = 0; i < 2; i++) {
                    assertEquals(expected[i], got[i], 1e-3 * Math.max(1, Math.abs(expected[i])), "image " + i);
                }
            }
        }
    }
}
