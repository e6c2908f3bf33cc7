package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.github.gen4j.nn.Upsample;
import java.util.List;

/**
 * DCGAN-style generator (Radford et al. 2016) with upsampling + convolution in place of transposed
 * convolutions (unavailable in DJL's PyTorch engine; also free of checkerboard artifacts).
 *
 * <pre>
 * z (B, Z) [++ one-hot (B, K)] -> Linear -> (B, W0, s, s) -> LeakyReLU 0.2 -> PixelNorm
 *   -> per further width Wi: Upsample 2x nearest -> Conv 3x3 (Wi) -> LeakyReLU 0.2 -> PixelNorm
 *   -> Conv 3x3 (C) -> tanh: (B, C, S, S) in [-1, 1]
 * </pre>
 * with s = S / 2^(widths - 1). A conditional generator gets the label by concatenation to z, which makes
 * the first layer add a learned per-class vector to its pre-activation (a class embedding).
 */
public final class DcganGenerator extends ImageGenerator {

    private final GanConfig cfg;
    private final Linear head;
    private final SequentialBlock body;

    public DcganGenerator(GanConfig cfg) {
        super(cfg.latentDim(), cfg.numClasses(), cfg.channels(), cfg.imageSize());
        this.cfg = cfg;
        List<Integer> w = cfg.generatorWidths();
        int s = cfg.generatorStartSize();
        int w0 = w.get(0);
        head = addChildBlock("head", Linear.builder().setUnits((long) w0 * s * s).build());
        SequentialBlock b = new SequentialBlock();
        b.add(list -> new NDList(list.singletonOrThrow().reshape(-1, w0, s, s)));
        b.add(Activation.leakyReluBlock(0.2f)).add(new PixelNorm());
        for (int i = 1; i < w.size(); i++) {
            b.add(new Upsample(2)).add(conv(w.get(i))).add(Activation.leakyReluBlock(0.2f)).add(new PixelNorm());
        }
        b.add(conv(cfg.channels())).add(Activation.tanhBlock());
        body = addChildBlock("body", b);
    }

    @Override
    public NDArray generate(ParameterStore ps, NDArray z, NDArray oneHot, boolean training) {
        NDArray in = oneHot == null ? z : z.concat(oneHot, 1);
        NDArray h = head.forward(ps, new NDList(in), training).singletonOrThrow();
        return body.forward(ps, new NDList(h), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long in = cfg.latentDim() + cfg.numClasses();
        head.initialize(manager, dataType, new Shape(1, in));
        body.initialize(manager, dataType, head.getOutputShapes(new Shape[] {new Shape(1, in)}));
    }


    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                .build();
    }
}
