package io.github.gen4j.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What every image generator shares: as a DJL block it maps (z, optional one-hot) to
 * {@link #generate} and declares images (B, C, S, S); it initializes from a (1, Z + K) input.
 */
public abstract class ImageGeneratorNet extends AbstractBlock implements GeneratorNet {

    private final int latentDim;
    private final int numClasses;
    private final int channels;
    private final int imageSize;

    protected ImageGeneratorNet(int latentDim, int numClasses, int channels, int imageSize) {
        this.latentDim = latentDim;
        this.numClasses = numClasses;
        this.channels = channels;
        this.imageSize = imageSize;
    }

    @Override
    public final int latentDim() {
        return latentDim;
    }

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(generate(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), channels, imageSize, imageSize)};
    }

    /** Initializes all parameters for this generator's latent and class sizes. */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, latentDim + numClasses));
    }
}
