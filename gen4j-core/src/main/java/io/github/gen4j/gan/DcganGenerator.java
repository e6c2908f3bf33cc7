package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.github.gen4j.nn.PixelShuffle;
import io.github.gen4j.nn.Upsample;
import java.util.List;

/**
 * DCGAN generator (Radford et al. 2016) with upsampling + convolution in place of transposed convolutions
 * (unavailable in DJL's PyTorch engine; also free of checkerboard artifacts). Two stage layouts
 * ({@link GeneratorBlocks}):
 *
 * <pre>
 * BATCHNORM (textbook DCGAN):
 *   z (B, Z) [++ one-hot (B, K)] -> Linear (no bias) -> (B, W0, s, s) -> BatchNorm -> ReLU
 *   -> per further width Wi: Conv 3x3 (4 Wi, no bias) -> pixel shuffle 2 (B, Wi, 2h, 2h) -> BatchNorm -> ReLU
 *   -> Conv 3x3 (C) -> tanh: (B, C, S, S) in [-1, 1]
 * PIXELNORM (Karras et al. 2018):
 *   z [++ one-hot] -> Linear -> (B, W0, s, s) -> LeakyReLU 0.2 -> PixelNorm
 *   -> per further width Wi: Upsample 2x nearest -> Conv 3x3 (Wi) -> LeakyReLU 0.2 -> PixelNorm
 *   -> Conv 3x3 (C) -> tanh
 * </pre>
 * with s = S / 2^(widths - 1). A conditional generator gets the label by concatenation to z, which makes
 * the first layer add a learned per-class vector to its pre-activation (a class embedding).
 */
public final class DcganGenerator extends ImageGeneratorNet {

    private final GanConfig cfg;
    private final Linear head;
    private final SequentialBlock body;

    public DcganGenerator(GanConfig cfg) {
        super(cfg.latentDim(), cfg.numClasses(), cfg.channels(), cfg.imageSize());
        this.cfg = cfg;
        List<Integer> w = cfg.generatorWidths();
        int s = cfg.generatorStartSize();
        int w0 = w.get(0);
        boolean bn = cfg.generatorBlocks() == GeneratorBlocks.BATCHNORM;
        head = addChildBlock("head", Linear.builder().setUnits((long) w0 * s * s).optBias(!bn).build());
        SequentialBlock b = new SequentialBlock();
        b.add(list -> new NDList(list.singletonOrThrow().reshape(-1, w0, s, s)));
        if (bn) {
            b.add(batchNorm()).add(Activation.reluBlock());
            for (int i = 1; i < w.size(); i++) {
                b.add(conv(4 * w.get(i), false)).add(PixelShuffle.block(2)).add(batchNorm()).add(Activation.reluBlock());
            }
        } else {
            b.add(Activation.leakyReluBlock(0.2f)).add(new PixelNorm());
            for (int i = 1; i < w.size(); i++) {
                b.add(new Upsample(2)).add(conv(w.get(i), true)).add(Activation.leakyReluBlock(0.2f))
                        .add(new PixelNorm());
            }
        }
        b.add(conv(cfg.channels(), true)).add(Activation.tanhBlock());
        body = addChildBlock("body", b);
        if (bn) {
            // DCGAN section 4: "All weights were initialized from a zero-centered Normal distribution with
            // standard deviation 0.02" (biases and BN shifts start at 0, BN scales at 1)
            Initializer normal = new NormalInitializer(0.02f);
            head.setInitializer(normal, Parameter.Type.WEIGHT);
            body.setInitializer(normal, Parameter.Type.WEIGHT);
        }
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


    private static Conv2d conv(int filters, boolean bias) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters)
                .optBias(bias).build();
    }

    private static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }
}
