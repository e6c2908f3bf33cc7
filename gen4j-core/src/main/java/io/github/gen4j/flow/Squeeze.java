package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Space-to-depth (Dinh et al. 2017, sec. 3.6): (B, C, H, W) -> (B, 4C, H/2, W/2), each 2x2 block of a
 * channel becoming four channels. A permutation of the entries, so log |det| = 0.
 */
public final class Squeeze extends FlowLayer {

    public Squeeze(Shape inputShape) {
        super(inputShape);
        if (height() % 2 != 0 || width() % 2 != 0) {
            throw new IllegalArgumentException("squeeze needs even height and width, got " + inputShape);
        }
    }

    @Override
    public Shape outputShape() {
        return new Shape(channels() * 4, height() / 2, width() / 2);
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        long b = x.getShape().get(0);
        long c = channels();
        long h = height() / 2;
        long w = width() / 2;
        // (B, C, h, 2, w, 2) -> (B, C, 2, 2, h, w) -> (B, 4C, h, w): channel index c*4 + 2*dy + dx
        NDArray y = x.reshape(b, c, h, 2, w, 2).transpose(0, 1, 3, 5, 2, 4).reshape(b, c * 4, h, w);
        return new Result(y, zeroLogDet(x));
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        long b = y.getShape().get(0);
        long c = channels();
        long h = height() / 2;
        long w = width() / 2;
        return y.reshape(b, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, h * 2, w * 2);
    }
}
