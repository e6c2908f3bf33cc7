package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Nested;

/** One small subclass of {@link FlowLayerContract} per layer. */
class FlowLayersTest {

    /** Wraps a layer, initialized and randomized, as the contract's bijection. */
    static FlowLayerContract.Bijection of(FlowLayer l) {
        return new FlowLayerContract.Bijection() {
            @Override
            public FlowLayer.Result forward(ParameterStore ps, NDArray x, NDArray cond) {
                return l.forward(ps, x, cond);
            }

            @Override
            public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
                return l.inverse(ps, y, cond);
            }
        };
    }

    static NDArray oneHot(NDManager m, int batch, int k) {
        int[] lb = new int[batch];
        for (int i = 0; i < batch; i++) {
            lb[i] = i % k;
        }
        return m.create(lb).oneHot(k).toType(DataType.FLOAT32, false);
    }

    @Nested
    class SqueezeContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(2, 4, 4);
        }

        @Override
        protected Bijection create() {
            Squeeze s = new Squeeze(inputShape());
            s.initialize(manager);
            return of(s);
        }
    }

    @Nested
    class PreprocessLogitContract extends FlowLayerContract {
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
            Preprocess p = new Preprocess(inputShape(), 0.05);
            p.initialize(manager);
            return of(p);
        }
    }

    @Nested
    class ActNormContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(3, 2, 3);
        }

        @Override
        protected Bijection create() {
            ActNorm a = new ActNorm(inputShape());
            a.initialize(manager);
            randomize(a, 0.5f);
            return of(a);
        }
    }

    @Nested
    class InvConv1x1Contract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(4, 2, 2);
        }

        @Override
        protected Bijection create() {
            InvConv1x1 c = new InvConv1x1(inputShape());
            c.initialize(manager);
            randomize(c, 0.3f);
            return of(c);
        }
    }

    @Nested
    class ChannelCouplingContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(3, 2, 2); // odd channel count: halves of 1 and 2
        }

        @Override
        protected Bijection create() {
            AffineCoupling a = new AffineCoupling(inputShape(), AffineCoupling.Mask.CHANNEL, 1, 8, 2.0);
            a.initialize(manager);
            randomize(a, 0.5f);
            return of(a);
        }
    }

    @Nested
    class CheckerboardCouplingContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(1, 4, 4);
        }

        @Override
        protected Bijection create() {
            AffineCoupling a = new AffineCoupling(inputShape(), AffineCoupling.Mask.CHECKERBOARD, 0, 8, 2.0);
            a.initialize(manager);
            randomize(a, 0.5f);
            return of(a);
        }
    }

    @Nested
    class ConditionalSplitContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(4, 2, 2);
        }

        @Override
        protected NDArray cond(int batch) {
            return oneHot(manager, batch, 3);
        }

        @Override
        protected Bijection create() {
            Split s = new Split(inputShape(), 3);
            s.initialize(manager);
            randomize(s, 0.3f);
            return of(s);
        }
    }

    @Nested
    class ConditionalTopPriorContract extends FlowLayerContract {
        @Override
        protected Shape inputShape() {
            return new Shape(2, 2, 2);
        }

        @Override
        protected NDArray cond(int batch) {
            return oneHot(manager, batch, 3);
        }

        @Override
        protected Bijection create() {
            TopPrior t = new TopPrior(inputShape(), 3);
            t.initialize(manager);
            randomize(t, 0.3f);
            return of(t);
        }
    }
}
