package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.github.gen4j.nn.Ops;

/** The toy models' network: (B, in) -> [Linear H -> SiLU] x layers -> Linear (B, out). */
final class ToyMlp {

    private ToyMlp() {}

    /** A new, uninitialized MLP. */
    static SequentialBlock of(int hidden, int layers, int out) {
        if (hidden <= 0 || layers <= 0 || out <= 0) {
            throw new IllegalArgumentException("toy MLP: hidden width, layers and outputs must be > 0");
        }
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < layers; i++) {
            b.add(Linear.builder().setUnits(hidden).build()).add(Ops.siluBlock());
        }
        return b.add(Linear.builder().setUnits(out).build());
    }

    static void initialize(SequentialBlock net, NDManager m, int in) {
        net.initialize(m, DataType.FLOAT32, new Shape(1, in));
    }

    static NDArray forward(SequentialBlock net, ParameterStore ps, NDArray x) {
        return net.forward(ps, new NDList(x), true).singletonOrThrow();
    }
}
