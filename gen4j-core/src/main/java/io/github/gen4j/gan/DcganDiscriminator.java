package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * DCGAN-style discriminator with optional spectral normalization of every layer, and a projection head for
 * class-conditional GANs.
 *
 * <pre>
 * x (B, C, S, S) -> per width Wi: Conv 4x4 stride 2 pad 1 -> LeakyReLU 0.2 -> flatten phi(x) (B, F)
 * score = w^T phi(x) + b                     (unconditional)
 *       + &lt;E y, phi(x)&gt;                    (projection, Miyato &amp; Koyama 2018, eq. 3; E (F, K))
 * </pre>
 * No batch normalization: a sample's score depends on that sample only, as the gradient penalties need
 * (Gulrajani et al. 2017 remove batch norm from the critic for the same reason).
 *
 * <p>Why projection: the projection discriminator is the exact form of the optimal conditional logit
 * log p(y|x) + log p(x) under a log-linear p(y|x) model, and it outperformed feeding the label at the input
 * (which D can learn to ignore) and the auxiliary classifier of AC-GAN (which pushes G toward easily
 * classified, less diverse samples) in Miyato &amp; Koyama's experiments; BigGAN uses it for that reason.
 */
public final class DcganDiscriminator extends AbstractBlock implements DiscriminatorNet {

    private final GanConfig cfg;
    private final List<SnConv2d> convs = new ArrayList<>();
    private final SnLinear out;
    private final SnLinear embed;
    private final long features;

    public DcganDiscriminator(GanConfig cfg) {
        this.cfg = cfg;
        boolean sn = cfg.recipe().spectralNorm();
        int in = cfg.channels();
        int i = 0;
        for (int w : cfg.discriminatorWidths()) {
            convs.add(addChildBlock("conv" + i++, new SnConv2d(in, w, 4, 2, 1, sn)));
            in = w;
        }
        long s = cfg.discriminatorEndSize();
        features = in * s * s;
        out = addChildBlock("out", new SnLinear(features, 1, true, sn));
        embed = cfg.conditional() ? addChildBlock("embed", new SnLinear(cfg.numClasses(), features, false, sn)) : null;
        if (!sn && cfg.recipe().loss() == GanLoss.NON_SATURATING) {
            // the DCGAN recipe (Radford et al. 2016, section 4): weights from N(0, 0.02), biases 0. With
            // spectral norm the scale of the initial weights is normalized away; WGAN-GP keeps the default.
            setInitializer(new ai.djl.training.initializer.NormalInitializer(0.02f), ai.djl.nn.Parameter.Type.WEIGHT);
        }
    }

    /** phi(x): (B, C, S, S) -> (B, F). */
    NDArray features(ParameterStore ps, NDArray x, boolean training) {
        return scoreAndFeatures(ps, x, null, training, 0).get(0);
    }

    /** Number of convolution layers (the feature layers a VAE-GAN can measure reconstructions in). */
    public int layers() {
        return convs.size();
    }

    /**
     * One forward pass that returns the score (B) and the activations after convolution layer {@code layer}
     * (1-based, after its LeakyReLU: (B, W_l, S / 2^l, S / 2^l)), the "Dis_l" feature space in which a
     * VAE-GAN measures reconstructions (Larsen et al. 2016, section 2.2). With {@code layer} 0 the list holds
     * phi(x) (B, F) only and no score is computed.
     */
    public NDList scoreAndFeatures(ParameterStore ps, NDArray x, NDArray oneHot, boolean training, int layer) {
        if (layer < 0 || layer > convs.size()) {
            throw new IllegalArgumentException("feature layer " + layer + " is not in 1.." + convs.size());
        }
        NDArray h = x;
        NDArray at = null;
        for (int i = 0; i < convs.size(); i++) {
            h = Activation.leakyRelu(convs.get(i).forward(ps, new NDList(h), training).singletonOrThrow(), 0.2f);
            if (i + 1 == layer) {
                at = h;
            }
        }
        NDArray phi = h.reshape(h.getShape().get(0), features);
        if (layer == 0) {
            return new NDList(phi);
        }
        return new NDList(scoreOf(ps, phi, oneHot, training), at);
    }

    @Override
    public NDArray score(ParameterStore ps, NDArray x, NDArray oneHot, boolean training) {
        return scoreOf(ps, features(ps, x, training), oneHot, training);
    }

    /** w^T phi + b (+ projection &lt;E y, phi&gt;) for features phi (B, F); returns (B). */
    private NDArray scoreOf(ParameterStore ps, NDArray phi, NDArray oneHot, boolean training) {
        NDArray s = out.forward(ps, new NDList(phi), training).singletonOrThrow().reshape(-1); // (B)
        if (embed != null) {
            if (oneHot == null) {
                throw new IllegalArgumentException("a conditional discriminator needs labels");
            }
            NDArray e = embed.forward(ps, new NDList(oneHot), training).singletonOrThrow(); // (B, F)
            s = s.add(e.mul(phi).sum(new int[] {1}));
        }
        return s;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(score(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize());
        for (SnConv2d c : convs) {
            c.initialize(manager, dataType, shape);
            shape = c.getOutputShapes(new Shape[] {shape})[0];
        }
        out.initialize(manager, dataType, new Shape(1, features));
        if (embed != null) {
            embed.initialize(manager, dataType, new Shape(1, cfg.numClasses()));
        }
    }

    /** Initializes all parameters for this config. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize()));
    }
}
