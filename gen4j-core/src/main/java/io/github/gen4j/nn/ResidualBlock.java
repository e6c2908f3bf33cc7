package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pre-activation residual block with an optional conditioning vector, as in the DDPM U-Net (Ho et al.
 * 2020, after Wide ResNet / PixelCNN++):
 *
 * <pre>
 * h   = Conv3x3(SiLU(GroupNorm(x)))                      (B, out, H, W)
 * h  += Linear(SiLU(emb))[:, :, None, None]              emb (B, E): time (and class) embedding
 * h   = Conv3x3(Dropout(SiLU(GroupNorm(h))))
 * out = skip(x) + h                                      skip = 1x1 conv if the channel count changes
 * </pre>
 * Forward takes (x) or (x, emb) and returns (B, out, H, W).
 */
public final class ResidualBlock extends AbstractBlock {

    private final int outChannels;
    private final boolean conditioned;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear embProj;
    private final GroupNorm norm2;
    private final Dropout dropout;
    private final Conv2d conv2;
    private final Conv2d skip;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param conditioned whether forward receives an embedding vector
     * @param dropout dropout rate before the second convolution (0 = none)
     * @param groups GroupNorm groups
     */
    public ResidualBlock(int inChannels, int outChannels, boolean conditioned, float dropout, int groups) {
        this.outChannels = outChannels;
        this.conditioned = conditioned;
        norm1 = addChildBlock("norm1", GroupNorm.withSilu(groups));
        conv1 = addChildBlock("conv1", conv(outChannels, 3));
        embProj = conditioned ? addChildBlock("emb", Linear.builder().setUnits(outChannels).build()) : null;
        norm2 = addChildBlock("norm2", GroupNorm.withSilu(groups));
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(dropout).build());
        conv2 = addChildBlock("conv2", conv(outChannels, 3));
        skip = inChannels != outChannels ? addChildBlock("skip", conv(outChannels, 1)) : null;
    }

    static Conv2d conv(int filters, int k) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2))
                .setFilters(filters).build();
    }

    static NDArray silu(NDArray x) {
        return Ops.silu(x); // not DJL's swish: see Ops
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray n1 = norm1.forward(ps, new NDList(x), training).singletonOrThrow(); // SiLU(GroupNorm(x))
        NDArray h = conv1.forward(ps, new NDList(n1), training).singletonOrThrow();
        if (conditioned) {
            NDArray e = embProj.forward(ps, new NDList(silu(inputs.get(1))), training).singletonOrThrow();
            h = h.add(e.reshape(e.getShape().get(0), outChannels, 1, 1)); // broadcast over H, W
        }
        NDArray n2 = norm2.forward(ps, new NDList(h), training).singletonOrThrow(); // SiLU(GroupNorm(h))
        h = conv2.forward(ps, dropout.forward(ps, new NDList(n2), training), training).singletonOrThrow();
        NDArray s = skip != null ? skip.forward(ps, new NDList(x), training).singletonOrThrow() : x;
        return new NDList(s.add(h));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... in) {
        Shape x = in[0];
        Shape out = getOutputShapes(in)[0];
        norm1.initialize(manager, dataType, x);
        conv1.initialize(manager, dataType, x);
        if (conditioned) {
            embProj.initialize(manager, dataType, in[1]);
        }
        norm2.initialize(manager, dataType, out);
        dropout.initialize(manager, dataType, out);
        conv2.initialize(manager, dataType, out);
        if (skip != null) {
            skip.initialize(manager, dataType, x);
        }
    }
}
