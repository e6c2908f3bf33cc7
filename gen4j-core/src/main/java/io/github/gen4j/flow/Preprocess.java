package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The first bijection of the flow, from dequantized pixels x in (0, 1) to the space the layers work in.
 *
 * <p>Logit transform (Dinh et al. 2017, sec. 4.1), for alpha > 0:
 * <pre>
 * s = alpha + (1 - 2 alpha) x        keeps s away from 0 and 1
 * y = logit(s) = log s - log(1 - s)
 * log |det| = sum [ log(1 - 2 alpha) - log s - log(1 - s) ]
 * </pre>
 * For alpha = 0: the shift y = x - 0.5 used by Glow (log |det| = 0). Either way the log-determinant
 * enters the likelihood, so bits/dim stay those of the 8-bit pixels.
 */
public final class Preprocess extends FlowLayer {

    private final float alpha;

    /** @param alpha logit margin in [0, 0.5); 0 = plain shift */
    public Preprocess(Shape inputShape, double alpha) {
        super(inputShape);
        if (!(alpha >= 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("logit alpha must be in [0, 0.5), got " + alpha);
        }
        this.alpha = (float) alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        if (alpha == 0) {
            return new Result(x.sub(0.5f), zeroLogDet(x));
        }
        NDArray s = Ops.mul(x, 1 - 2 * alpha).add(alpha);
        NDArray logS = s.log();
        NDArray log1mS = s.neg().add(1f).log();
        NDArray y = logS.sub(log1mS);
        NDArray logDet = sumPerImage(logS.add(log1mS).neg()).add((float) (size() * Math.log(1 - 2.0 * alpha)));
        return new Result(y, logDet);
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        if (alpha == 0) {
            return y.add(0.5f);
        }
        NDArray s = Activation.sigmoid(y); // s = 1 / (1 + exp(-y)), then undo the margin
        return s.sub(alpha).div(1 - 2 * alpha);
    }

    private long size() {
        return channels() * height() * width();
    }
}
