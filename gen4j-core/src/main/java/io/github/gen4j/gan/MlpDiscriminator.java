package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The toy discriminator: x (B, in) -> [Linear H -> LeakyReLU 0.2] x layers -> Linear (B, 1) -> (B), every
 * layer optionally spectrally normalized ({@link SnLinear}).
 */
public final class MlpDiscriminator extends AbstractBlock implements DiscriminatorNet {

    private final int in;
    private final List<SnLinear> layers = new ArrayList<>();

    public MlpDiscriminator(int in, int hidden, int depth, boolean spectralNorm) {
        this.in = in;
        long width = in;
        for (int i = 0; i < depth; i++) {
            layers.add(addChildBlock("fc" + i, new SnLinear(width, hidden, true, spectralNorm)));
            width = hidden;
        }
        layers.add(addChildBlock("out", new SnLinear(width, 1, true, spectralNorm)));
    }

    @Override
    public NDArray score(ParameterStore ps, NDArray x, NDArray oneHot, boolean training) {
        if (oneHot != null) {
            throw new IllegalArgumentException("the toy discriminator is unconditional");
        }
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(ps, new NDList(h), training).singletonOrThrow();
            if (i < layers.size() - 1) {
                h = Activation.leakyRelu(h, 0.2f);
            }
        }
        return h.reshape(-1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(score(ps, inputs.singletonOrThrow(), null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, in);
        for (SnLinear l : layers) {
            l.initialize(manager, dataType, s);
            s = l.getOutputShapes(new Shape[] {s})[0];
        }
    }

    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, in));
    }
}
