package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * The learned Gaussian prior of the last level (Glow's "learntop", and its class-conditional "ycond"),
 * written as a standardizing bijection like {@link Split}:
 *
 * <pre>
 * (mean, logsd) = (m, l) [+ Linear(one-hot) per channel]     m, l (1, C, H, W) trained, start at 0
 * eps = (x - mean) * exp(-logsd)                              log |det| = -sum logsd
 * </pre>
 * so the top latent eps is N(0, I) under the model.
 */
public final class TopPrior extends FlowLayer {

    private final Parameter mean;
    private final Parameter logSd;
    private final Linear classPrior;
    private final int numClasses;

    public TopPrior(Shape inputShape, int numClasses) {
        super(inputShape);
        this.numClasses = numClasses;
        Shape p = new Shape(1, channels(), height(), width());
        mean = addParameter(Parameter.builder().setName("mean").setType(Parameter.Type.OTHER).optShape(p)
                .optInitializer(Initializer.ZEROS).build());
        logSd = addParameter(Parameter.builder().setName("logSd").setType(Parameter.Type.OTHER).optShape(p)
                .optInitializer(Initializer.ZEROS).build());
        classPrior = numClasses > 0 ? addChildBlock("classPrior", Split.zeroLinear(2 * channels())) : null;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (classPrior != null) {
            classPrior.initialize(manager, dataType, new Shape(1, numClasses));
        }
    }

    private NDArray[] meanLogSd(ParameterStore ps, NDArray x, NDArray cond, boolean training) {
        NDArray m = value(ps, mean, x, training);
        NDArray l = value(ps, logSd, x, training);
        if (classPrior == null) {
            return new NDArray[] {m, l};
        }
        if (cond == null) {
            throw new IllegalArgumentException("this flow has a class-conditional prior: give a class label");
        }
        NDArray c = classPrior.forward(ps, new NDList(cond), training).singletonOrThrow(); // (B, 2C)
        NDList ml = c.reshape(c.getShape().get(0), 2 * channels(), 1, 1).split(2, 1);
        return new NDArray[] {m.add(ml.get(0)), l.add(ml.get(1))};
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        NDArray[] ms = meanLogSd(ps, x, cond, true);
        NDArray eps = x.sub(ms[0]).mul(ms[1].neg().exp());
        // logsd may be (1, C, H, W) (unconditional): broadcast to the batch before summing per image
        NDArray logDet = sumPerImage(ms[1].broadcast(x.getShape())).neg();
        return new Result(eps, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        NDArray[] ms = meanLogSd(ps, y, cond, false);
        return y.mul(ms[1].exp()).add(ms[0]);
    }
}
