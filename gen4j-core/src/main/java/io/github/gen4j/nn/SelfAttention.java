package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over the pixels of a feature map, with a residual connection (the attention
 * block of the DDPM U-Net, Ho et al. 2020; scaled dot-product attention of Vaswani et al. 2017):
 *
 * <pre>
 * q, k, v = split(Conv1x1(GroupNorm(x)), 3)             each (B, C, H, W) -> (B, h, d, N), N = H W, d = C / h
 * A       = softmax(q^T k / sqrt(d))                     (B, h, N, N), rows sum to 1
 * out     = x + Conv1x1(v A^T reshaped to (B, C, H, W))
 * </pre>
 * Cost grows with N^2, so it is used at low resolutions only (7x7 or 8x8 in gen4j's U-Net).
 */
public final class SelfAttention extends AbstractBlock {

    private final int channels;
    private final int heads;
    private final GroupNorm norm;
    private final Conv2d qkv;
    private final Conv2d proj;

    /**
     * @param channels input = output channels C
     * @param heads number of heads h; must divide C
     * @param groups GroupNorm groups
     */
    public SelfAttention(int channels, int heads, int groups) {
        if (heads < 1 || channels % heads != 0) {
            throw new IllegalArgumentException("attention heads (" + heads + ") must divide the channels ("
                    + channels + ")");
        }
        this.channels = channels;
        this.heads = heads;
        norm = addChildBlock("norm", new GroupNorm(groups));
        qkv = addChildBlock("qkv", ResidualBlock.conv(3 * channels, 1));
        proj = addChildBlock("proj", ResidualBlock.conv(channels, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(2) * s.get(3);
        long d = channels / heads;
        NDArray h = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        NDList parts = qkv.forward(ps, new NDList(h), training).singletonOrThrow().split(3, 1);
        NDArray q = parts.get(0).reshape(b, heads, d, n);
        NDArray k = parts.get(1).reshape(b, heads, d, n);
        NDArray v = parts.get(2).reshape(b, heads, d, n);
        NDArray scores = q.transpose(0, 1, 3, 2).matMul(k);
        scores = Ops.div(scores, Math.sqrt(d)); // (B, h, N, N)
        NDArray attn = scores.softmax(-1);
        NDArray out = v.matMul(attn.transpose(0, 1, 3, 2)).reshape(s); // (B, h, d, N) -> (B, C, H, W)
        return new NDList(x.add(proj.forward(ps, new NDList(out), training).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        Shape x = in[0];
        if (x.get(1) != channels) {
            throw new IllegalArgumentException("attention over " + channels + " channels got input " + x);
        }
        norm.initialize(manager, dataType, x);
        qkv.initialize(manager, dataType, x);
        proj.initialize(manager, dataType, x);
    }
}
