package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fused update ({@code JniUtils.adamUpdate} with the bias corrections folded into step size and
 * epsilon) against Adam with decoupled weight decay and global-norm clipping written out in double.
 */
class AdamWTest {

    @Test
    void fusedUpdateEqualsTheTextbookFormulaWithClippingAndWeightDecay() {
        check(0.1);
    }

    @Test
    void fusedUpdateEqualsTheTextbookFormulaWithoutWeightDecay() {
        check(0); // the engine's non-AdamW branch
    }

    private static void check(double wd) {
        double b1 = 0.5;
        double b2 = 0.9;
        double clip = 3;
        double[] lrs = {1e-2, 5e-3, 2e-2, 1e-2};
        double[][] grads = {{1, -2, 3}, {0.5, 0.5, -4}, {-1e-3, 2e-3, 0}, {10, -10, 1}};
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, "w", new Shape(3), 0.7f);
            AdamW adam = new AdamW("test", List.of(new Pair<>("w", p)), b1, b2, wd, m);
            double[] w = {0.7, 0.7, 0.7};
            double[] mm = new double[3];
            double[] vv = new double[3];
            for (int t = 1; t <= grads.length; t++) {
                double[] g = grads[t - 1];
                try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                    NDArray c = m.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
                    gc.backward(p.getArray().mul(c).sum()); // dL/dw = g
                }
                double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
                double lr = lrs[t - 1];
                assertEquals(norm, adam.step(m, lr, clip), 1e-4 * norm);
                double scale = norm > clip ? clip / norm : 1;
                for (int i = 0; i < 3; i++) {
                    double gi = g[i] * scale;
                    mm[i] = b1 * mm[i] + (1 - b1) * gi;
                    vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
                    double mHat = mm[i] / (1 - Math.pow(b1, t));
                    double vHat = vv[i] / (1 - Math.pow(b2, t));
                    w[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8) + lr * wd * w[i];
                }
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], got[i], 1e-6, "step " + t + ", weight " + i);
                }
                assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), 0f, "gradients zeroed");
            }
            assertEquals(grads.length, adam.stepCount());
        }
    }

    @Test
    void gradientNormIsTheGlobalNormOverEveryParameter() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = param(m, "a", new Shape(2, 2), 1f);
            Parameter b = param(m, "b", new Shape(3), 1f);
            AdamW adam = new AdamW("test", List.of(new Pair<>("a", a), new Pair<>("b", b)), 0.9, 0.999, 0, m);
            float[] ga = {1, -2, 3, 0.5f};
            float[] gb = {-4, 0, 2};
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray loss = a.getArray().mul(m.create(ga, new Shape(2, 2))).sum()
                        .add(b.getArray().mul(m.create(gb)).sum());
                gc.backward(loss);
            }
            double want = Math.sqrt(1 + 4 + 9 + 0.25 + 16 + 0 + 4);
            int arrays = m.getManagedArrays().size();
            try (NDManager step = m.newSubManager()) {
                assertEquals(want, adam.step(step, 1e-3, 0), 1e-5 * want);
            }
            assertEquals(arrays, m.getManagedArrays().size(), "nothing left on the weights' and state's manager");
            // no clipping: Adam's first step moves every weight by lr sign(g) (and not the zero-gradient one)
            float[] gotA = a.getArray().toFloatArray();
            float[] gotB = b.getArray().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(1 - 1e-3 * Math.signum(ga[i]), gotA[i], 1e-6, "a[" + i + "]");
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(1 - 1e-3 * Math.signum(gb[i]), gotB[i], 1e-6, "b[" + i + "]");
            }
        }
    }

    @Test
    void nonFiniteGradientsUpdateNothingAndNameTheParameter() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Parameter a = param(m, "a", new Shape(3), 1f);
                Parameter b = param(m, "b", new Shape(2), 2f);
                AdamW adam = new AdamW("test", List.of(new Pair<>("a", a), new Pair<>("b", b)), 0.9, 0.999, 0, m);
                try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                    gc.backward(a.getArray().mul(m.create(new float[] {1, 2, 3})).sum()
                            .add(b.getArray().mul(m.create(new float[] {bad, 1})).sum()));
                }
                NonFiniteException e = assertThrows(NonFiniteException.class, () -> adam.step(m, 1e-3, 1));
                assertTrue(e.getMessage().contains("in b: max |g|"), e.getMessage());
                assertArrayEquals(new float[] {1, 1, 1}, a.getArray().toFloatArray(), 0f);
                assertArrayEquals(new float[] {2, 2}, b.getArray().toFloatArray(), 0f);
                assertEquals(0, adam.stepCount());
                assertArrayEquals(new float[] {0, 0}, b.getArray().getGradient().toFloatArray(), 0f, "zeroed");
            }
        }
    }

    /** A float32 parameter of the given shape, every entry {@code value}, initialized on {@code m}. */
    static Parameter param(NDManager m, String name, Shape shape, float value) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(value)).optShape(shape).build();
        p.initialize(m, DataType.FLOAT32);
        return p;
    }
}
