package io.github.gen4j.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

class GradientPenaltyTest {

    private static final float[] X = {0.3f, -0.7f, 1.1f, 0.4f, -0.2f, -0.9f};
    private static final int B = 3;

    /** D(x) summed over the batch, no gradient. */
    private static double scoreSum(MlpDiscriminator d, NDManager m, float[] x) {
        try (NDManager s = m.newSubManager()) {
            return d.score(new ParameterStore(s, false), s.create(x, new Shape(B, 2)), null, false).sum().getFloat();
        }
    }

    /** The WGAN-GP penalty with the input gradient from the engine's double backward. */
    private static double autogradPenalty(MlpDiscriminator d, NDManager m) {
        try (NDManager s = m.newSubManager(); GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDArray x = s.create(X, new Shape(B, 2));
            x.setRequiresGradient(true);
            NDArray p = GradientPenalty.wgan(GradientPenalty.inputGradient(d.score(new ParameterStore(s, false), x,
                    null, true), x));
            return p.getFloat();
        }
    }

    @Test
    void wganPenaltyAndItsWeightGradientMatchFiniteDifferences() {
        MlpDiscriminator d = new MlpDiscriminator(2, 6, 2, false);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(21);
            d.initialize(m);

            // 1. the penalty from central differences of D in x (D is piecewise linear: exact away from kinks)
            double h = 1e-3;
            double fdPenalty = 0;
            for (int i = 0; i < B; i++) {
                double sq = 0;
                for (int k = 0; k < 2; k++) {
                    float[] plus = X.clone();
                    float[] minus = X.clone();
                    plus[2 * i + k] += (float) h;
                    minus[2 * i + k] -= (float) h;
                    double g = (scoreSum(d, m, plus) - scoreSum(d, m, minus)) / (2 * h);
                    sq += g * g;
                }
                fdPenalty += Math.pow(Math.sqrt(sq) - 1, 2) / B;
            }
            double penalty = autogradPenalty(d, m);
            assertEquals(fdPenalty, penalty, 2e-3 * Math.max(1, fdPenalty), "GP value");

            // 2. d penalty / d w through the gradient's graph (second order) against differences in w
            Parameter w = null;
            for (Pair<String, Parameter> p : d.getParameters()) {
                if (p.getKey().endsWith("fc0_weight")) {
                    w = p.getValue();
                }
            }
            float[] autograd;
            try (NDManager s = m.newSubManager()) {
                try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                    NDArray x = s.create(X, new Shape(B, 2));
                    x.setRequiresGradient(true);
                    NDArray p = GradientPenalty.wgan(GradientPenalty.inputGradient(
                            d.score(new ParameterStore(s, false), x, null, true), x));
                    GradientPenalty.zeroGradients(d);
                    gc.backward(p);
                }
                autograd = w.getArray().getGradient().toFloatArray();
            }
            GradientPenalty.zeroGradients(d);
            double hw = 1e-3;
            int checked = 0;
            for (int j = 0; j < autograd.length; j++) {
                float[] base = w.getArray().toFloatArray();
                float[] plus = base.clone();
                plus[j] += (float) hw;
                w.getArray().set(plus);
                double pp = autogradPenalty(d, m);
                float[] minus = base.clone();
                minus[j] -= (float) hw;
                w.getArray().set(minus);
                double pm = autogradPenalty(d, m);
                w.getArray().set(base);
                double fd = (pp - pm) / (2 * hw);
                assertEquals(fd, autograd[j], 2e-2 * Math.max(1, Math.abs(fd)), "d GP / d w[" + j + "]");
                if (Math.abs(fd) > 1e-3) {
                    checked++;
                }
            }
            assertTrue(checked >= 3, "the penalty must depend on the first layer's weights; " + checked + " did");
        }
    }

    @Test
    void r1PenaltyIsTheSquaredInputGradientNorm() {
        // D(x) = w . x + b is linear: grad_x D = w for every sample, so R1 = ||w||^2
        SnLinear lin = new SnLinear(3, 1, true, false);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(4);
            lin.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            float[] w = null;
            for (Pair<String, Parameter> p : lin.getParameters()) {
                if (p.getKey().equals("weight")) {
                    w = p.getValue().getArray().toFloatArray();
                }
            }
            double expected = w[0] * w[0] + w[1] * w[1] + w[2] * w[2];
            try (NDManager s = m.newSubManager(); GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray x = s.randomNormal(new Shape(5, 3));
                x.setRequiresGradient(true);
                NDArray scores = lin.forward(new ParameterStore(s, false), new ai.djl.ndarray.NDList(x), true)
                        .singletonOrThrow().reshape(-1);
                assertEquals(expected, GradientPenalty.r1(GradientPenalty.inputGradient(scores, x)).getFloat(), 1e-5);
            }
        }
    }
}
