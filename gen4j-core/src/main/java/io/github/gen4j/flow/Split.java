package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Multi-scale split (Dinh et al. 2017, sec. 3.6; Glow's "split2d"): the input (B, C, H, W) is cut into
 * z1 (B, C1, H, W), which goes on through the next level, and z2 (B, C - C1, H, W), which is factored
 * out with a learned Gaussian prior conditioned on z1 (and on the class, if conditional):
 *
 * <pre>
 * (mean, logsd) = Conv3x3(z1) [+ Linear(one-hot) per channel]   both (B, C - C1, H, W), zero-initialized
 * eps = (z2 - mean) * exp(-logsd)                                 ~ N(0, I) under the model
 * y = concat(z1, eps)                                             log |det| = -sum logsd
 * </pre>
 * Standardizing z2 makes the split an ordinary bijection whose factored-out part is standard normal, so
 * the whole model's latent is N(0, I): sampling at temperature T draws eps ~ N(0, T^2 I), and the
 * encoding of an image is exact and invertible. {@link MultiScaleFlow} takes eps = y[:, C1:] as that
 * level's latent.
 */
public final class Split extends FlowLayer {

    private final long keep;
    private final long out;
    private final Conv2d prior;
    private final Linear classPrior;
    private final int numClasses;

    /** @param numClasses K > 0 adds a class-conditional term to the prior, 0 for none */
    public Split(Shape inputShape, int numClasses) {
        super(inputShape);
        if (channels() < 2) {
            throw new IllegalArgumentException("a split needs >= 2 channels, got " + inputShape);
        }
        this.numClasses = numClasses;
        keep = channels() / 2;
        out = channels() - keep;
        prior = addChildBlock("prior", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters((int) (2 * out)).build());
        prior.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        classPrior = numClasses > 0 ? addChildBlock("classPrior", zeroLinear(2 * out)) : null;
    }

    static Linear zeroLinear(long units) {
        Linear l = Linear.builder().setUnits(units).build();
        l.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        return l;
    }

    /** Channels that stay in the flow (C1). */
    public long keptChannels() {
        return keep;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        prior.initialize(manager, dataType, new Shape(1, keep, height(), width()));
        if (classPrior != null) {
            classPrior.initialize(manager, dataType, new Shape(1, numClasses));
        }
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        NDList parts = x.split(new long[] {keep}, 1);
        NDArray[] ms = meanLogSd(ps, parts.get(0), cond, true);
        NDArray eps = parts.get(1).sub(ms[0]).mul(ms[1].neg().exp());
        return new Result(parts.get(0).concat(eps, 1), sumPerImage(ms[1]).neg());
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        NDList parts = y.split(new long[] {keep}, 1);
        NDArray[] ms = meanLogSd(ps, parts.get(0), cond, false);
        NDArray z2 = parts.get(1).mul(ms[1].exp()).add(ms[0]);
        return parts.get(0).concat(z2, 1);
    }

    private NDArray[] meanLogSd(ParameterStore ps, NDArray z1, NDArray cond, boolean training) {
        NDArray h = prior.forward(ps, new NDList(z1), training).singletonOrThrow(); // (B, 2 out, H, W)
        if (classPrior != null) {
            if (cond == null) {
                throw new IllegalArgumentException("this flow has a class-conditional prior: give a class label");
            }
            NDArray c = classPrior.forward(ps, new NDList(cond), training).singletonOrThrow(); // (B, 2 out)
            h = h.add(c.reshape(c.getShape().get(0), 2 * out, 1, 1));
        }
        NDList ms = h.split(2, 1);
        return new NDArray[] {ms.get(0), ms.get(1)};
    }
}
