package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.github.gen4j.flow.FlowLayer;
import io.github.gen4j.nn.Ops;

/**
 * RealNVP's affine coupling for a point in the plane (Dinh et al. 2017, eq. 7-9) with an MLP: one
 * coordinate a passes unchanged and conditions an affine map of the other, b,
 *
 * <pre>
 * y_a = x_a,   y_b = x_b exp(s(x_a)) + t(x_a),   log |det| = s(x_a),   s = c tanh(raw / c)
 * </pre>
 * (t, raw s) = MLP(x_a): 1 -> [H, SiLU] x layers -> 2, last layer zero-initialized so the coupling starts
 * as the identity (Glow, sec. 3.3). A {@link FlowLayer} on (2, 1, 1), so the image flow's ActNorm stacks
 * with it. (The image family's {@code flow.AffineCoupling} with channel masks computes the same map on a
 * 1 x 1 image, but through 3 x 3 convolutions, about 6x slower here.)
 */
final class MlpCoupling extends FlowLayer {

    private final int keep;
    private final float clamp;
    private final SequentialBlock net;

    /**
     * @param keep the coordinate (0 = x, 1 = y) that passes unchanged
     * @param clamp bound c of the log-scale
     */
    MlpCoupling(int keep, int hidden, int layers, double clamp) {
        super(new Shape(2, 1, 1));
        if (keep != 0 && keep != 1 || !(clamp > 0)) {
            throw new IllegalArgumentException("coupling: keep 0 or 1 and clamp > 0 required");
        }
        this.keep = keep;
        this.clamp = (float) clamp;
        SequentialBlock mlp = ToyMlp.of(hidden, layers, 2);
        Block last = mlp.getChildren().get(mlp.getChildren().size() - 1).getValue();
        last.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        last.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        this.net = addChildBlock("net", mlp);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, new Shape(1, 1));
    }

    /** {kept (B, 1), changed (B, 1)} of a (B, 2, 1, 1) input. */
    private NDList split(NDArray x) {
        NDList p = x.reshape(x.getShape().get(0), 2).split(2, 1);
        return keep == 0 ? p : new NDList(p.get(1), p.get(0));
    }

    private NDArray join(NDArray kept, NDArray changed) {
        NDArray xy = keep == 0 ? kept.concat(changed, 1) : changed.concat(kept, 1); // (B, 2)
        return xy.reshape(xy.getShape().get(0), 2, 1, 1);
    }

    /** {t, s} (B, 1) each from the kept coordinate. */
    private NDArray[] shiftAndLogScale(ParameterStore ps, NDArray kept, boolean training) {
        NDList ts = net.forward(ps, new NDList(kept), training).singletonOrThrow().split(2, 1);
        return new NDArray[] {ts.get(0), Ops.softClamp(ts.get(1), clamp)};
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        NDList p = split(x);
        NDArray[] ts = shiftAndLogScale(ps, p.get(0), true);
        NDArray y = p.get(1).mul(ts[1].exp()).add(ts[0]);
        return new Result(join(p.get(0), y), ts[1].reshape(-1));
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        NDList p = split(y);
        NDArray[] ts = shiftAndLogScale(ps, p.get(0), false);
        return join(p.get(0), p.get(1).sub(ts[0]).mul(ts[1].neg().exp()));
    }
}
