package io.github.gen4j.gan;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The adversarial objectives, written on raw discriminator scores (logits for the non-saturating loss,
 * critic values for WGAN). Every method takes scores of shape (B) and returns a scalar to minimize.
 */
public enum GanLoss {

    /**
     * The original GAN (Goodfellow et al. 2014) with the non-saturating generator loss:
     * L_D = E softplus(-D(x)) + E softplus(D(G(z))) (binary cross-entropy on logits);
     * L_G = E softplus(-D(G(z))) = -E log sigmoid(D(G(z))), whose gradient does not vanish when D rejects
     * the fakes (unlike the minimax log(1 - sigmoid)).
     */
    NON_SATURATING("non-saturating", 4.595) {
        @Override
        public NDArray discriminatorLoss(NDArray real, NDArray fake) {
            return Ops.softplus(real.neg()).mean().add(Ops.softplus(fake).mean());
        }

        @Override
        public NDArray generatorLoss(NDArray fake) {
            return Ops.softplus(fake.neg()).mean();
        }
    },

    /**
     * Hinge loss (Lim & Ye 2017; Miyato et al. 2018, SN-GAN; BigGAN):
     * L_D = E relu(1 - D(x)) + E relu(1 + D(G(z))); L_G = -E D(G(z)).
     */
    HINGE("hinge", 1.0) {
        @Override
        public NDArray discriminatorLoss(NDArray real, NDArray fake) {
            return Ops.maximum(real.neg().add(1f), 0).mean().add(Ops.maximum(fake.add(1f), 0).mean());
        }

        @Override
        public NDArray generatorLoss(NDArray fake) {
            return fake.mean().neg();
        }
    },

    /**
     * Wasserstein GAN (Arjovsky et al. 2017) with the gradient penalty of Gulrajani et al. 2017 (added by
     * {@link GradientPenalty}): L_D = E D(G(z)) - E D(x) (+ lambda GP); L_G = -E D(G(z)). The critic's
     * values are unbounded, so "D wins completely" has no meaning here (its margin is NaN).
     */
    WGAN_GP("wgan-gp", Double.NaN) {
        @Override
        public NDArray discriminatorLoss(NDArray real, NDArray fake) {
            return fake.mean().sub(real.mean());
        }

        @Override
        public NDArray generatorLoss(NDArray fake) {
            return fake.mean().neg();
        }
    };

    private final String cliName;
    private final double winMargin;

    GanLoss(String cliName, double winMargin) {
        this.cliName = cliName;
        this.winMargin = winMargin;
    }

    /** Discriminator loss from scores on real (B) and generated (B) images. */
    public abstract NDArray discriminatorLoss(NDArray real, NDArray fake);

    /** Generator loss from the scores of generated images (B). */
    public abstract NDArray generatorLoss(NDArray fake);

    /** The name on the command line ("non-saturating", "hinge", "wgan-gp"). */
    public String cliName() {
        return cliName;
    }

    /**
     * The score margin beyond which a sample is "confidently classified": logit(0.99) = 4.595 for the
     * logistic loss (D says 99 %), 1 for the hinge (outside the hinge, no gradient); NaN for WGAN.
     * When every real scores above +margin and every fake below -margin, D has won completely.
     */
    public double winMargin() {
        return winMargin;
    }

    /** Parses a command-line name (case-insensitive; "ns" is accepted for non-saturating). */
    public static GanLoss parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (GanLoss l : values()) {
            if (l.cliName.equals(k) || l.name().equalsIgnoreCase(k.replace('-', '_'))) {
                return l;
            }
        }
        if (k.equals("ns")) {
            return NON_SATURATING;
        }
        throw new IllegalArgumentException("--loss: unknown loss '" + s + "' (expected non-saturating, hinge or "
                + "wgan-gp)");
    }

}
