package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The whole multi-scale flow satisfies the layer contract too (z is the flat latent), for both layouts. */
class MultiScaleFlowTest {

    /** 1 x 4 x 4 images, 2 levels: D = 16 for the Jacobian. */
    static FlowConfig tiny(FlowConfig.Architecture arch, int classes) {
        return new FlowConfig(1, 4, arch, 2, 1, 8, 2.0, 0.05, FlowConfig.Dequantization.UNIFORM, classes);
    }

    abstract static class ModelContract extends FlowLayerContract {
        abstract FlowConfig config();

        @Override
        protected Shape inputShape() {
            return new Shape(1, 4, 4);
        }

        @Override
        protected NDArray input(int batch) {
            return manager.randomUniform(0.01f, 0.99f, new Shape(batch, 1, 4, 4));
        }

        @Override
        protected Bijection create() {
            MultiScaleFlow f = new MultiScaleFlow(config());
            f.initialize(manager);
            randomize(f, 0.2f);
            return new Bijection() {
                @Override
                public FlowLayer.Result forward(ParameterStore ps, NDArray x, NDArray cond) {
                    return f.encode(ps, x, cond);
                }

                @Override
                public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
                    return f.decode(ps, y, cond);
                }
            };
        }
    }

    @Nested
    class GlowContract extends ModelContract {
        @Override
        FlowConfig config() {
            return tiny(FlowConfig.Architecture.GLOW, 0);
        }
    }

    @Nested
    class RealNvpContract extends ModelContract {
        @Override
        FlowConfig config() {
            return tiny(FlowConfig.Architecture.REALNVP, 0);
        }
    }

    @Nested
    class ConditionalGlowContract extends ModelContract {
        @Override
        FlowConfig config() {
            return tiny(FlowConfig.Architecture.GLOW, 3);
        }

        @Override
        protected NDArray cond(int batch) {
            return FlowLayersTest.oneHot(manager, batch, 3);
        }
    }

    @Test
    void latentSizesSumToTheImageSizeAndFixedParametersAreSeparate() {
        FlowConfig cfg = FlowConfig.defaults(1, 28);
        assertEquals(2, cfg.levels());
        MultiScaleFlow f = new MultiScaleFlow(cfg.withSteps(2).withHidden(8));
        // level 0: 4 x 14 x 14 -> 2 channels factored out; level 1: 8 x 7 x 7 at the top
        assertEquals(List.of(2L * 14 * 14, 8L * 7 * 7), f.latentSizes());
        try (NDManager m = NDManager.newBaseManager()) {
            f.initialize(m);
            FlowParameters fixed = new FlowParameters(f, false);
            FlowParameters trained = new FlowParameters(f, true);
            // per level 2 x (perm, sign), and the ActNorm flag
            assertEquals(2 * 2 * 2 + 1, fixed.getParameters().size());
            assertTrue(trained.getParameters().keys().stream().noneMatch(k -> k.endsWith("perm")));
            assertFalse(f.actNormsInitialized());
        }
    }

    @Test
    void configRejectsSizesItCannotSqueeze() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FlowConfig.defaults(1, 28).withLevels(3));
        assertTrue(e.getMessage().contains("--levels 3"), e.getMessage());
    }

    /**
     * A training pass (forward and backward) and a decoding pass leave no array on the model's manager:
     * everything they compute from the parameters is freed with the step's manager (a leak of one small array
     * per layer and step adds up over a run of thousands of steps). And the gradient reaches the parameters,
     * which the layers use through views.
     */
    @Test
    void passesLeaveNothingOnTheModelsManagerAndGradientsReachTheParameters() {
        for (FlowConfig.Architecture arch : FlowConfig.Architecture.values()) {
            for (int classes : new int[] {0, 3}) {
                String what = arch + ", " + classes + " classes";
                try (NDManager m = NDManager.newBaseManager()) {
                    MultiScaleFlow f = new MultiScaleFlow(tiny(arch, classes));
                    f.initialize(m);
                    ParameterStore ps = new ParameterStore(m, false);
                    int[] counts = new int[3];
                    for (int pass = 0; pass < counts.length; pass++) {
                        try (NDManager s = m.newSubManager();
                                GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                            NDArray x = s.randomUniform(0.01f, 0.99f, new Shape(3, 1, 4, 4));
                            NDArray cond = classes > 0 ? FlowLayersTest.oneHot(s, 3, classes) : null;
                            FlowLayer.Result r = f.encode(ps, x, cond);
                            gc.backward(r.y().square().sum().sub(r.logDet().sum()));
                            f.decode(ps, r.y(), cond);
                        }
                        counts[pass] = m.getManagedArrays().size();
                    }
                    // the first pass may make the constants kept with the parameters (InvConv1x1's masks)
                    assertEquals(counts[1], counts[2], what + ": arrays on the model's manager after passes 1-3: "
                            + java.util.Arrays.toString(counts));
                    int checked = 0;
                    for (var p : f.getParameters()) {
                        String name = p.getKey();
                        // ActNorm's log-scale, InvConv1x1's log |s| (the couplings' last layers start at zero,
                        // so the layers before them get no gradient at initialization)
                        if (name.endsWith("logS") || name.endsWith("logScale")) {
                            assertTrue(p.getValue().getArray().getGradient().abs().sum().getFloat() > 0,
                                    what + ": no gradient reached " + name);
                            checked++;
                        }
                    }
                    assertTrue(checked > 0, what + ": no ActNorm or InvConv1x1 parameter found");
                }
            }
        }
    }
}
