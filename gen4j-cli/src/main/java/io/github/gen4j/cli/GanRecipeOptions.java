package io.github.gen4j.cli;

import io.github.gen4j.gan.GanLoss;
import io.github.gen4j.gan.GanRecipe;
import picocli.CommandLine.Option;

/** The GAN training recipe on the command line: a preset, then any knob overridden (image GAN and toy). */
public final class GanRecipeOptions {

    @Option(names = "--loss", description = "non-saturating, hinge or wgan-gp (default: the preset's).")
    String loss;

    @Option(names = "--spectral-norm", negatable = true,
            description = "Spectral normalization of every discriminator layer (default: the preset's).")
    Boolean spectralNorm;

    @Option(names = "--gp", description = "WGAN-GP penalty weight lambda (default: the preset's; 10 for wgan-gp).")
    Double gp;

    @Option(names = "--r1", description = "R1 penalty gamma on real data; 0 = off (default: the preset's).")
    Double r1;

    @Option(names = "--d-steps", description = "Discriminator updates per generator update; the batch is split "
            + "into that many parts (default: the preset's).")
    Integer dSteps;

    @Option(names = "--lr-g", description = "Generator learning rate (default: the preset's).")
    Double lrG;

    @Option(names = "--lr-d", description = "Discriminator learning rate (default: the preset's; TTUR: > --lr-g).")
    Double lrD;

    @Option(names = "--beta1", description = "Adam beta1 of both networks (default: the preset's).")
    Double beta1;

    @Option(names = "--beta2", description = "Adam beta2 of both networks (default: the preset's).")
    Double beta2;

    @Option(names = "--d-win-patience", description = "Stop when D has won completely for this many steps; "
            + "0 = never (default: the preset's).")
    Integer dWinPatience;

    /** {@code base} (a preset's recipe) with every given option applied; {@code lr} (--lr) sets both rates. */
    GanRecipe apply(GanRecipe base, Double lr) {
        GanRecipe r = base;
        if (loss != null) {
            GanLoss l = GanLoss.parse(loss);
            r = r.withLoss(l);
            if (l == GanLoss.WGAN_GP && r.gpWeight() == 0 && gp == null) {
                r = r.withPenalties(10, r.r1Gamma());
            }
        }
        if (gp != null || r1 != null) {
            r = r.withPenalties(gp != null ? gp : r.gpWeight(), r1 != null ? r1 : r.r1Gamma());
        }
        if (spectralNorm != null) {
            r = r.withSpectralNorm(spectralNorm);
        }
        if (dSteps != null) {
            r = r.withDSteps(dSteps);
        }
        double g = lrG != null ? lrG : lr != null ? lr : r.lrG();
        double d = lrD != null ? lrD : lr != null ? lr : r.lrD();
        r = r.withLr(g, d);
        if (beta1 != null || beta2 != null) {
            r = r.withBetas(beta1 != null ? beta1 : r.beta1(), beta2 != null ? beta2 : r.beta2());
        }
        if (dWinPatience != null) {
            r = r.withDWinPatience(dWinPatience);
        }
        return r;
    }
}
