package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.model.LatentCodec;

/**
 * The latent of any unconditional model that encodes and decodes through {@link LatentCodec} (the VAE-GAN:
 * posterior mean in, decoder mean out), so interpolation, arithmetic and the smoothness measure work for
 * it as for the VAE.
 */
public final class CodecLatent implements LatentSpace {

    private final String family;
    private final LatentCodec codec;
    private final int channels;
    private final int imageSize;

    public CodecLatent(String family, LatentCodec codec, int channels, int imageSize) {
        this.family = family;
        this.codec = codec;
        this.channels = channels;
        this.imageSize = imageSize;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public String encoding() {
        return "encoder (posterior mean)";
    }

    @Override
    public int dim() {
        return codec.latentDim();
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public NDArray encode(NDManager m, NDArray raw, NDArray cond) {
        return codec.encode(m, raw, LatentSpaces.checkCondition(cond, 0, null));
    }

    @Override
    public NDArray decode(NDManager m, NDArray z, NDArray cond) {
        return codec.decode(m, z, LatentSpaces.checkCondition(cond, 0, null));
    }
}
