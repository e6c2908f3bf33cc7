package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pixel shuffle by a factor r (Shi et al. 2016, "sub-pixel convolution"): (B, C r^2, H, W) ->
 * (B, C, r H, r W), input channel c r^2 + i r + j going to output pixel (r h + i, r w + j) of channel c
 * (PyTorch's {@code pixel_shuffle} layout). After a convolution to C r^2 channels it is a learned 2x
 * upsampling with no transposed convolution (which DJL's PyTorch engine lacks) and no checkerboard.
 */
public final class PixelShuffle extends AbstractBlock {

    private final int factor;

    private PixelShuffle(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("pixel shuffle factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    /** A parameter-free block applying {@link #shuffle}. */
    public static Block block(int factor) {
        return new PixelShuffle(factor);
    }

    /** (B, C r^2, H, W) -> (B, C, r H, r W). */
    public static NDArray shuffle(NDArray x, int r) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1) / ((long) r * r);
        long h = s.get(2);
        long w = s.get(3);
        // (B, C, r, r, H, W) -> (B, C, H, r, W, r) -> (B, C, rH, rW)
        return x.reshape(b, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, h * r, w * r);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(shuffle(inputs.singletonOrThrow(), factor));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        long r = factor;
        return new Shape[] {new Shape(s.get(0), s.get(1) / (r * r), s.get(2) * r, s.get(3) * r)};
    }
}
