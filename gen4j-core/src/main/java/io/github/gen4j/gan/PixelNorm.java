package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Pixelwise feature normalization (Karras et al. 2018, ProGAN, eq. in section 4.2): each pixel's feature
 * vector is scaled to unit root-mean-square, b = a / sqrt(mean_c a^2 + 1e-8), over the channel axis of
 * (B, C, H, W) or the feature axis of (B, F). No parameters and no running statistics: training and
 * sampling compute the same function, whatever the batch (unlike batch norm, whose running averages would
 * not match the EMA generator's weights), and it keeps the generator's activations from escalating during
 * the adversarial game, which is what ProGAN uses it for.
 */
public final class PixelNorm extends AbstractBlock {

    private static final float EPS = 1e-8f;

    public static NDArray apply(NDArray x) {
        return x.div(x.square().mean(new int[] {1}, true).add(EPS).sqrt());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
