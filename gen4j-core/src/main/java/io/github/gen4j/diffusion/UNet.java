package io.github.gen4j.diffusion;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.gen4j.nn.GroupNorm;
import io.github.gen4j.nn.ResidualBlock;
import io.github.gen4j.nn.Scope;
import io.github.gen4j.nn.SelfAttention;
import io.github.gen4j.nn.TimeEmbedding;
import io.github.gen4j.nn.TorchInit;
import io.github.gen4j.nn.Upsample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The compact U-Net of a diffusion model (Ho et al. 2020, after PixelCNN++), for L = widths levels:
 *
 * <pre>
 * emb  = Linear(SiLU(Linear(sinusoidal(t, W0)))) [+ Linear(onehot(label, K + 1))]    (B, E), E = 4 W0
 * h    = Conv3x3(x)                                                                  (B, W0, S, S)
 * down: level i = 0..L-1: resBlocks x [ResBlock(W_i) (+ attention at the lowest level)], each output
 *       kept as a skip; then (not at the lowest level) Conv3x3 stride 2, also kept      S -> S/2
 * mid:  ResBlock, SelfAttention (if enabled), ResBlock at S / 2^(L-1)
 * up:   level i = L-1..0: (resBlocks + 1) x [concat(h, skip) -> ResBlock(W_i) (+ attention at the
 *       lowest level)]; then (not at level 0) nearest 2x upsampling + Conv3x3           S/2 -> S
 * out  = Conv3x3(SiLU(GroupNorm(h)))                                                 (B, C, S, S)
 * </pre>
 * Inputs: x (B, C, S, S) noisy images, t (B) float32 timestep indices, and for a conditional model
 * labels (B) int32 in 0..K where K means "no class" (classifier-free guidance). Output: the noise (or v)
 * prediction, (B, C, S, S). 28x28 runs at 28, 14, 7; 32x32 at 32, 16, 8.
 */
public final class UNet extends AbstractBlock {

    private final DiffusionConfig cfg;
    private final Block timeMlp;
    private final Linear classEmb;
    private final Conv2d convIn;
    private final List<Block> down = new ArrayList<>();
    private final List<Block> mid = new ArrayList<>();
    private final List<Block> up = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public UNet(DiffusionConfig cfg) {
        this.cfg = cfg;
        int e = cfg.embeddingDim();
        float drop = (float) cfg.dropout();
        int g = cfg.groups();
        List<Integer> w = cfg.widths();
        int levels = w.size();
        timeMlp = addChildBlock("timeMlp", new ai.djl.nn.SequentialBlock()
                .add(Linear.builder().setUnits(e).build()).add(Ops.siluBlock())
                .add(Linear.builder().setUnits(e).build()));
        classEmb = cfg.conditional()
                ? addChildBlock("classEmb", Linear.builder().setUnits(e).optBias(false).build()) : null;
        convIn = addChildBlock("convIn", conv(w.get(0), 3, 1));

        Deque<Integer> skips = new ArrayDeque<>();
        int ch = w.get(0);
        skips.push(ch);
        for (int i = 0; i < levels; i++) {
            boolean attn = cfg.attention() && i == levels - 1;
            for (int r = 0; r < cfg.resBlocks(); r++) {
                down.add(addChildBlock("down" + i + "res" + r, new ResidualBlock(ch, w.get(i), true, drop, g)));
                ch = w.get(i);
                if (attn) {
                    down.add(addChildBlock("down" + i + "attn" + r, new SelfAttention(ch, cfg.heads(), g)));
                }
                skips.push(ch);
            }
            if (i < levels - 1) {
                down.add(addChildBlock("down" + i + "pool", conv(ch, 3, 2)));
                skips.push(ch);
            }
        }
        mid.add(addChildBlock("mid1", new ResidualBlock(ch, ch, true, drop, g)));
        if (cfg.attention()) {
            mid.add(addChildBlock("midAttn", new SelfAttention(ch, cfg.heads(), g)));
        }
        mid.add(addChildBlock("mid2", new ResidualBlock(ch, ch, true, drop, g)));
        for (int i = levels - 1; i >= 0; i--) {
            boolean attn = cfg.attention() && i == levels - 1;
            for (int r = 0; r <= cfg.resBlocks(); r++) {
                int in = ch + skips.pop();
                up.add(addChildBlock("up" + i + "res" + r, new Skip(new ResidualBlock(in, w.get(i), true, drop, g))));
                ch = w.get(i);
                if (attn) {
                    up.add(addChildBlock("up" + i + "attn" + r, new SelfAttention(ch, cfg.heads(), g)));
                }
            }
            if (i > 0) {
                up.add(addChildBlock("up" + i + "upsample", new ai.djl.nn.SequentialBlock()
                        .add(new Upsample(2)).add(conv(ch, 3, 1))));
            }
        }
        normOut = addChildBlock("normOut", GroupNorm.withSilu(g));
        convOut = addChildBlock("convOut", conv(cfg.channels(), 3, 1));
    }

    public DiffusionConfig config() {
        return cfg;
    }

    private static Conv2d conv(int filters, int k, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(k / 2, k / 2)).setFilters(filters).build();
    }

    /**
     * @param x (B, C, S, S) noisy images
     * @param t (B) float32 timestep indices
     * @param labels (B) int32 labels in 0..K (K = no class), or null for an unconditional model
     * @return (B, C, S, S)
     */
    public NDArray predict(ParameterStore ps, NDArray x, NDArray t, NDArray labels, boolean training) {
        // every activation is freed when the prediction returns, not when the step ends: backward then frees
        // what the graph saved as it goes, as in PyTorch (see Scope)
        return Scope.run(x, in -> new NDList(predictInScope(ps, in, t, labels, training))).singletonOrThrow();
    }

    private NDArray predictInScope(ParameterStore ps, NDArray x, NDArray t, NDArray labels, boolean training) {
        NDArray emb = timeMlp.forward(ps, new NDList(TimeEmbedding.sinusoidal(t, cfg.widths().get(0))), training)
                .singletonOrThrow();
        if (classEmb != null) {
            if (labels == null) {
                throw new IllegalArgumentException("a class-conditional U-Net needs labels (K = no class)");
            }
            NDArray oneHot = labels.oneHot(cfg.numClasses() + 1).toType(DataType.FLOAT32, false);
            emb = emb.add(classEmb.forward(ps, new NDList(oneHot), training).singletonOrThrow());
        }
        NDArray h = convIn.forward(ps, new NDList(x), training).singletonOrThrow();
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        for (Block b : down) {
            h = apply(b, ps, h, emb, training);
            if (!(b instanceof SelfAttention)) {
                skips.push(h);
            } else {
                skips.pop();
                skips.push(h); // the attention output replaces its block's output as the skip
            }
        }
        for (Block b : mid) {
            h = apply(b, ps, h, emb, training);
        }
        for (Block b : up) {
            if (b instanceof Skip) {
                h = h.concat(skips.pop(), 1);
            }
            h = apply(b, ps, h, emb, training);
        }
        NDArray out = normOut.forward(ps, new NDList(h), training).singletonOrThrow(); // SiLU(GroupNorm(h))
        return convOut.forward(ps, new NDList(out), training).singletonOrThrow();
    }

    /** Block b on h; its intermediates are freed when it returns (see {@link Scope}), only its output stays. */
    private static NDArray apply(Block b, ParameterStore ps, NDArray h, NDArray emb, boolean training) {
        boolean withEmb = b instanceof ResidualBlock || b instanceof Skip;
        return Scope.run(h, x -> b.forward(ps, withEmb ? new NDList(x, emb) : new NDList(x), training))
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(predict(ps, inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null,
                training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long b = x.get(0);
        int e = cfg.embeddingDim();
        Shape embShape = new Shape(b, e);
        timeMlp.initialize(manager, dataType, new Shape(b, cfg.widths().get(0)));
        if (classEmb != null) {
            classEmb.initialize(manager, dataType, new Shape(b, cfg.numClasses() + 1));
        }
        convIn.initialize(manager, dataType, x);
        Shape h = convIn.getOutputShapes(new Shape[] {x})[0];
        Deque<Long> skipCh = new ArrayDeque<>();
        skipCh.push(h.get(1));
        for (Block blk : down) {
            h = init(blk, manager, dataType, h, embShape);
            if (!(blk instanceof SelfAttention)) {
                skipCh.push(h.get(1));
            }
        }
        for (Block blk : mid) {
            h = init(blk, manager, dataType, h, embShape);
        }
        for (Block blk : up) {
            if (blk instanceof Skip) {
                h = new Shape(h.get(0), h.get(1) + skipCh.pop(), h.get(2), h.get(3));
            }
            h = init(blk, manager, dataType, h, embShape);
        }
        normOut.initialize(manager, dataType, h);
        convOut.initialize(manager, dataType, h);
    }

    private static Shape init(Block blk, NDManager m, DataType dt, Shape h, Shape emb) {
        Shape[] in = blk instanceof ResidualBlock || blk instanceof Skip ? new Shape[] {h, emb} : new Shape[] {h};
        blk.initialize(m, dt, in);
        return blk.getOutputShapes(in)[0];
    }

    /**
     * Initializes all parameters for this config (batch dimension 1), convolutions and linear layers as
     * PyTorch initializes them (see {@link TorchInit}: DJL's default cost the U-Net a third more training loss).
     */
    public void initialize(NDManager manager) {
        Shape x = new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize());
        if (cfg.conditional()) {
            initialize(manager, DataType.FLOAT32, x, new Shape(1), new Shape(1));
        } else {
            initialize(manager, DataType.FLOAT32, x, new Shape(1));
        }
        TorchInit.apply(this);
    }

    /** A residual block of the up path, whose input is the concatenation of h and a skip. */
    private static final class Skip extends AbstractBlock {
        private final ResidualBlock block;

        Skip(ResidualBlock block) {
            this.block = addChildBlock("block", block);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return block.forward(ps, inputs, training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            return block.getOutputShapes(in);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
            block.initialize(manager, dataType, in);
        }
    }
}
