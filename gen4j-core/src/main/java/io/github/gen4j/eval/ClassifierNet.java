package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The feature network: a small CNN classifier whose penultimate layer is the embedding.
 *
 * <pre>
 * x (B, C, S, S) raw 0..255 -> x / 127.5 - 1
 *   -> [Conv 3x3 (pad 1) + ReLU + MaxPool 2x2] per width       (B, W, S / 2^n, S / 2^n)
 *   -> [Conv 3x3 (pad 1) + ReLU]  if bottleneckConv            (B, W, s, s)
 *   -> flatten -> Linear E + ReLU                              (B, E)  = the embedding
 *   -> Dropout -> Linear K                                     (B, K)  = logits (absent when K = 0)
 * </pre>
 *
 * No batch normalization: the embedding of an image never depends on the other images of its batch, and
 * the network has no running statistics to keep out of the optimizer.
 */
public final class ClassifierNet extends AbstractBlock {

    private final ClassifierConfig cfg;
    private final SequentialBlock trunk;
    private final SequentialBlock head;

    public ClassifierNet(ClassifierConfig cfg) {
        this.cfg = cfg;
        SequentialBlock t = new SequentialBlock();
        for (int w : cfg.widths()) {
            t.add(conv(w)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        if (cfg.bottleneckConv()) {
            t.add(conv(cfg.widths().get(cfg.widths().size() - 1))).add(Activation.reluBlock());
        }
        t.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(cfg.embedDim()).build())
                .add(Activation.reluBlock());
        trunk = addChildBlock("trunk", t);
        head = cfg.numClasses() > 0
                ? addChildBlock("head", new SequentialBlock()
                        .add(Dropout.builder().optRate((float) cfg.dropout()).build())
                        .add(Linear.builder().setUnits(cfg.numClasses()).build()))
                : null;
    }

    public ClassifierConfig config() {
        return cfg;
    }

    /** The embedding: raw pixels (B, C, S, S) 0..255 to (B, E), non-negative (after ReLU). */
    public NDArray embed(ParameterStore ps, NDArray raw, boolean training) {
        NDArray x = raw.div(127.5f).sub(1f);
        return trunk.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Logits (B, K) from an embedding (B, E); only for networks with a head. */
    public NDArray logits(ParameterStore ps, NDArray embedding, boolean training) {
        if (head == null) {
            throw new IllegalStateException("this feature network has no classification head (unlabelled data)");
        }
        return head.forward(ps, new NDList(embedding), training).singletonOrThrow();
    }

    /** Input: raw pixels (B, C, S, S). Output: (embedding (B, E)[, logits (B, K)]). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = embed(ps, inputs.singletonOrThrow(), training);
        return head == null ? new NDList(e) : new NDList(e, logits(ps, e, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        Shape e = new Shape(b, cfg.embedDim());
        return head == null ? new Shape[] {e} : new Shape[] {e, new Shape(b, cfg.numClasses())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes[0]);
        if (head != null) {
            head.initialize(manager, dataType, new Shape(inputShapes[0].get(0), cfg.embedDim()));
        }
    }

    /** Initializes all parameters for this config (batch dimension 1). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize()));
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                .build();
    }
}
