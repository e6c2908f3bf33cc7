package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The toy generator: z (B, Z) -> [Linear H -> ReLU] x layers -> Linear (B, out), an unbounded point in the
 * plane (no output squashing: the toy data live on a ring of radius 2).
 */
public final class MlpGenerator extends AbstractBlock implements GeneratorNet {

    private final int latentDim;
    private final int out;
    private final SequentialBlock net;

    public MlpGenerator(int latentDim, int hidden, int layers, int out) {
        this.latentDim = latentDim;
        this.out = out;
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            b.add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock());
        }
        b.add(Linear.builder().setUnits(out).build());
        net = addChildBlock("net", b);
    }

    @Override
    public NDArray generate(ParameterStore ps, NDArray z, NDArray oneHot, boolean training) {
        if (oneHot != null) {
            throw new IllegalArgumentException("the toy generator is unconditional");
        }
        return net.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(generate(ps, inputs.singletonOrThrow(), null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, inputShapes);
    }

    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, latentDim));
    }
}
