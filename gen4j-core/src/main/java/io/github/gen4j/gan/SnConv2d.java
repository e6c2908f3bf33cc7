package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2D convolution x (B, in, H, W) -> (B, out, H', W') with H' = (H + 2 pad - k) / stride + 1, weight
 * (out, in, k, k), and optional {@linkplain SpectralNorm spectral normalization} of the weight viewed as
 * an (out, in k k) matrix (Miyato et al. 2018 normalize convolutions this way).
 */
public final class SnConv2d extends AbstractBlock {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int pad;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    public SnConv2d(int in, int out, int kernel, int stride, int pad, boolean spectralNorm) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || pad < 0) {
            throw new IllegalArgumentException("bad convolution: " + in + " -> " + out + ", k" + kernel + " s"
                    + stride + " p" + pad);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
        u = spectralNorm ? addParameter(SpectralNorm.vector(out)) : null;
    }

    /** The weight used in the forward pass (W / sigma(W) with spectral norm), on {@code scope}. */
    public NDArray effectiveWeight(ParameterStore ps, NDManager scope, boolean training) {
        NDArray w = ps.getValue(weight, scope.getDevice(), training);
        return u == null ? w : SpectralNorm.normalize(scope, w, ps.getValue(u, scope.getDevice(), false), training);
    }

    /** Output side length for an input side length. */
    public long outputSize(long size) {
        return (size + 2L * pad - kernel) / stride + 1;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = effectiveWeight(ps, x.getManager(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad, pad));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, outputSize(s.get(2)), outputSize(s.get(3)))};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes[0].get(1) != in) {
            throw new IllegalArgumentException("convolution expects " + in + " channels, got " + inputShapes[0]);
        }
    }
}
