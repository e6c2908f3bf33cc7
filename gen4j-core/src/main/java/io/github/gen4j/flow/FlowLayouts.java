package io.github.gen4j.flow;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** The layer sequences of the two architectures, in data -> latent order. */
final class FlowLayouts {

    private FlowLayouts() {}

    static List<FlowLayer> build(FlowConfig cfg) {
        List<FlowLayer> out = new ArrayList<>();
        Shape s = new Shape(cfg.channels(), cfg.imageSize(), cfg.imageSize());
        out.add(new Preprocess(s, cfg.logitAlpha()));
        if (cfg.architecture() == FlowConfig.Architecture.GLOW) {
            glow(cfg, s, out);
        } else {
            realNvp(cfg, s, out);
        }
        return out;
    }

    /** Glow (Kingma & Dhariwal 2018, fig. 2): per level squeeze, K x (ActNorm, 1x1 conv, coupling), split. */
    private static void glow(FlowConfig cfg, Shape s, List<FlowLayer> out) {
        for (int level = 0; level < cfg.levels(); level++) {
            s = add(out, new Squeeze(s));
            for (int k = 0; k < cfg.steps(); k++) {
                add(out, new ActNorm(s));
                add(out, new InvConv1x1(s));
                add(out, new AffineCoupling(s, AffineCoupling.Mask.CHANNEL, k % 2, cfg.hidden(), cfg.scaleClamp()));
            }
            s = level < cfg.levels() - 1 ? split(out, s, cfg) : s;
        }
        out.add(new TopPrior(s, cfg.numClasses()));
    }

    /**
     * RealNVP (Dinh et al. 2017, sec. 3.6 and 4.1): per level 3 checkerboard couplings (alternating),
     * squeeze, 3 channel couplings, split; the last level 4 checkerboard couplings. "3" is {@code steps}.
     */
    private static void realNvp(FlowConfig cfg, Shape s, List<FlowLayer> out) {
        for (int level = 0; level < cfg.levels(); level++) {
            boolean last = level == cfg.levels() - 1;
            int checker = last ? cfg.steps() + 1 : cfg.steps();
            for (int k = 0; k < checker; k++) {
                add(out, new ActNorm(s));
                add(out, new AffineCoupling(s, AffineCoupling.Mask.CHECKERBOARD, k % 2, cfg.hidden(),
                        cfg.scaleClamp()));
            }
            if (last) {
                break;
            }
            s = add(out, new Squeeze(s));
            for (int k = 0; k < cfg.steps(); k++) {
                add(out, new ActNorm(s));
                add(out, new AffineCoupling(s, AffineCoupling.Mask.CHANNEL, k % 2, cfg.hidden(), cfg.scaleClamp()));
            }
            s = split(out, s, cfg);
        }
        out.add(new TopPrior(s, cfg.numClasses()));
    }

    private static Shape add(List<FlowLayer> out, FlowLayer l) {
        out.add(l);
        return l.outputShape();
    }

    /** Adds a split and returns the shape that goes on (the kept channels). */
    private static Shape split(List<FlowLayer> out, Shape s, FlowConfig cfg) {
        Split sp = new Split(s, cfg.numClasses());
        out.add(sp);
        return new Shape(sp.keptChannels(), s.get(1), s.get(2));
    }
}
