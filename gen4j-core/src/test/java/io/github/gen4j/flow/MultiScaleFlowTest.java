package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
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
}
