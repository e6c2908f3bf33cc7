package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A fully connected layer y = x W^T + b, x (B, in) -> y (B, out), with optional
 * {@linkplain SpectralNorm spectral normalization} of W (out, in). Without bias and fed a one-hot
 * vector it is a class embedding (used by the projection discriminator).
 */
public final class SnLinear extends AbstractBlock {

    private final long in;
    private final long out;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    public SnLinear(long in, long out, boolean withBias, boolean spectralNorm) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("linear sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).build());
        bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build()) : null;
        u = spectralNorm ? addParameter(SpectralNorm.vector(out)) : null;
    }

    /** The weight used in the forward pass (W / sigma(W) with spectral norm), on {@code scope}. */
    public NDArray effectiveWeight(ParameterStore ps, NDManager scope, boolean training) {
        NDArray w = ps.getValue(weight, scope.getDevice(), training);
        return u == null ? w : SpectralNorm.normalize(scope, w, ps.getValue(u, scope.getDevice(), false), training);
    }

    /** The spectral-norm estimate of the raw weight (1 when spectral norm is off, for uniform logging). */
    public double sigma(NDManager scope) {
        return u == null ? 1.0 : SpectralNorm.sigma(scope, weight.getArray(), u.getArray());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = effectiveWeight(ps, x.getManager(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return new NDList(Linear.linear(x, w, b).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes[0].get(inputShapes[0].dimension() - 1) != in) {
            throw new IllegalArgumentException("linear layer expects " + in + " inputs, got " + inputShapes[0]);
        }
    }
}
