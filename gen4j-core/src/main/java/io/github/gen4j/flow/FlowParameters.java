package io.github.gen4j.flow;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A view of a block's parameters that either do or do not require gradients, presented as a block so
 * the training core can treat each group as a network: the trained ones get the optimizer and the EMA,
 * the fixed ones (the 1x1 convolutions' permutations and signs, the ActNorm "initialized" flag) are only
 * saved and loaded with the checkpoints. Not callable: it only holds parameters.
 */
final class FlowParameters extends AbstractBlock {

    private final Block source;
    private final boolean trainable;

    FlowParameters(Block source, boolean trainable) {
        this.source = source;
        this.trainable = trainable;
    }

    @Override
    public ParameterList getParameters() {
        ParameterList out = new ParameterList();
        for (Pair<String, Parameter> p : source.getParameters()) {
            if (p.getValue().requiresGradient() == trainable) {
                out.add(p.getKey(), p.getValue());
            }
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("a parameter view cannot be called; use the flow itself");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("a parameter view has no outputs");
    }
}
