package io.github.gen4j.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

class SpectralNormTest {

    /** Runs training forwards (one power iteration each), then returns sigma_max of W / sigma by exact SVD. */
    private static double[] normalizedAndRawSigma(Block layer, Shape in, int rows, int cols, int iterations) {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(11);
            layer.initialize(m, DataType.FLOAT32, in);
            Parameter w = param(layer, "weight");
            w.getArray().muli(3f); // make sure the raw weight is far from norm 1
            ParameterStore ps = new ParameterStore(m, false);
            for (int i = 0; i < iterations; i++) {
                try (NDManager s = m.newSubManager()) {
                    layer.forward(new ParameterStore(s, false), new NDList(s.randomNormal(in)), true);
                }
            }
            float[] normalized = layer instanceof SnLinear l ? l.effectiveWeight(ps, m, false).toFloatArray()
                    : ((SnConv2d) layer).effectiveWeight(ps, m, false).toFloatArray();
            return new double[] {GanTestSupport.largestSingularValue(normalized, rows, cols),
                GanTestSupport.largestSingularValue(w.getArray().toFloatArray(), rows, cols)};
        }
    }

    private static Parameter param(Block b, String name) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    @Test
    void largestSingularValueOfANormalizedLinearWeightIsOne() {
        double[] s = normalizedAndRawSigma(new SnLinear(12, 7, true, true), new Shape(4, 12), 7, 12, 40);
        assertTrue(Math.abs(s[1] - 1) > 0.5, "raw sigma " + s[1] + " should be far from 1");
        assertEquals(1.0, s[0], 1e-3, "sigma_max(W / sigma) by exact SVD");
    }

    @Test
    void largestSingularValueOfANormalizedConvolutionWeightIsOne() {
        // weight (5, 3, 3, 3) viewed as a (5, 27) matrix
        double[] s = normalizedAndRawSigma(new SnConv2d(3, 5, 3, 1, 1, true), new Shape(2, 3, 6, 6), 5, 27, 40);
        assertTrue(Math.abs(s[1] - 1) > 0.5, "raw sigma " + s[1] + " should be far from 1");
        assertEquals(1.0, s[0], 1e-3, "sigma_max(W / sigma) by exact SVD");
    }

    @Test
    void powerIterationVectorIsPersistentStateNotATrainedWeight() {
        SnLinear sn = new SnLinear(4, 3, true, true);
        Parameter u = param(sn, "sn_u");
        assertFalse(u.requiresGradient(), "no optimizer may update u");
        try (NDManager m = NDManager.newBaseManager()) {
            sn.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            float[] before = u.getArray().toFloatArray();
            sn.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 4))), false);
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(u.getArray().toFloatArray()),
                    "evaluation must not change u");
            sn.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 4))), true);
            assertFalse(java.util.Arrays.equals(before, u.getArray().toFloatArray()), "training advances u");
        }
        SnLinear plain = new SnLinear(4, 3, true, false);
        assertTrue(plain.getParameters().keys().stream().noneMatch(k -> k.contains("sn_u")));
    }
}
