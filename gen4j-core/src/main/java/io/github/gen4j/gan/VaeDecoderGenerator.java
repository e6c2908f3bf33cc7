package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.vae.ConvVae;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;

/**
 * A GAN generator with the architecture of a VAE decoder ({@link ConvVae#decoderOnly}), so that it can
 * start from a trained VAE's decoder: the "unbalanced GAN" of Ham et al. 2020, whose generator is
 * pre-trained as a VAE decoder before adversarial training.
 *
 * <pre>
 * z (B, Z) [++ one-hot (B, K)] -> VAE decoder -> distribution parameters (B, C * p, S, S)
 *   -> the decoder's image mean m in [0, 1] (B, C, S, S) -> 2 m - 1 in [-1, 1]
 * </pre>
 * The image mean is exactly what the VAE shows as a sample ({@code Likelihood.mean}), so before any GAN
 * step this generator and the VAE draw the same image from the same z. For likelihoods whose mean is
 * clipped to [0, 1] (the Gaussians) the clip is straight-through here: the value is clipped, the gradient
 * passes as if it were not, so a pixel the VAE left slightly out of range still receives the
 * discriminator's signal.
 */
public final class VaeDecoderGenerator extends ImageGeneratorNet {

    private final VaeConfig cfg;
    private final ConvVae decoder;

    public VaeDecoderGenerator(VaeConfig cfg) {
        super(cfg.latentDim(), cfg.numClasses(), cfg.channels(), cfg.imageSize());
        this.cfg = cfg;
        this.decoder = addChildBlock("decoder", ConvVae.decoderOnly(cfg));
    }

    /** The wrapped decoder-only network (its weights can be filled from a VAE by {@link ConvVae#copyDecoderInto}). */
    public ConvVae decoder() {
        return decoder;
    }

    public VaeConfig vaeConfig() {
        return cfg;
    }

    @Override
    public NDArray generate(ParameterStore ps, NDArray z, NDArray oneHot, boolean training) {
        NDArray unit = imageMean(cfg.likelihood(), decoder.decode(ps, z, oneHot, training));
        return Ops.mul(unit, 2).sub(1f);
    }

    /**
     * The decoder's image mean in [0, 1], (B, C, S, S), differentiable: equal in value to
     * {@link Likelihood#mean} (sigmoid of the logits for Bernoulli, the mean clipped to [0, 1] otherwise),
     * with a straight-through clip: m + stopGradient(clip(m) - m).
     */
    public static NDArray imageMean(Likelihood l, NDArray out) {
        if (l == Likelihood.BERNOULLI) {
            return l.mean(out);
        }
        NDArray m = out.split(l.paramsPerPixel(), 1).get(0);
        return m.add(m.clip(0f, 1f).sub(m).stopGradient());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        decoder.initialize(manager);
    }
}
