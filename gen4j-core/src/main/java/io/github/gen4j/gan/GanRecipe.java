package io.github.gen4j.gan;

/**
 * How a GAN is trained, independent of its networks (shared by the image GAN and the 2D toy): the loss,
 * the regularizers and stabilizers, and the two Adam optimizers. Immutable; saved in {@code config.json}.
 *
 * @param loss the adversarial objective
 * @param gpWeight lambda of the WGAN-GP gradient penalty lambda E (||grad D(x^)|| - 1)^2 (used with
 *     {@link GanLoss#WGAN_GP} only; Gulrajani et al. use 10)
 * @param r1Gamma gamma of the R1 penalty gamma/2 E ||grad D(x)||^2 on real data (Mescheder et al. 2018);
 *     0 = off
 * @param dSteps discriminator updates per generator update (WGAN-GP uses 5; with TTUR, 1)
 * @param spectralNorm spectral normalization of every discriminator layer (Miyato et al. 2018)
 * @param lrG generator learning rate
 * @param lrD discriminator learning rate; lrD > lrG is the two time-scale update rule (TTUR, Heusel et al.
 *     2017), which lets one D step per G step stand in for several
 * @param beta1 Adam beta1 of both optimizers (0.5 in DCGAN, 0 in SN-GAN/BigGAN: momentum lags the moving
 *     target the other network presents)
 * @param beta2 Adam beta2 of both optimizers (0.999 in DCGAN, 0.9 in SN-GAN and WGAN-GP)
 * @param dWinPatience stop with a message after the discriminator has won completely (every real above
 *     +margin, every fake below -margin) for this many consecutive steps; 0 = never
 */
public record GanRecipe(
        GanLoss loss,
        double gpWeight,
        double r1Gamma,
        int dSteps,
        boolean spectralNorm,
        double lrG,
        double lrD,
        double beta1,
        double beta2,
        int dWinPatience) {

    public GanRecipe {
        if (loss == null) {
            throw new IllegalArgumentException("--loss is required");
        }
        if (!(gpWeight >= 0) || !(r1Gamma >= 0)) {
            throw new IllegalArgumentException("--gp and --r1 must be >= 0");
        }
        if (dSteps < 1) {
            throw new IllegalArgumentException("--d-steps must be >= 1, got " + dSteps);
        }
        if (!(lrG > 0) || !(lrD > 0)) {
            throw new IllegalArgumentException("--lr-g and --lr-d must be > 0");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("--beta1 and --beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (dWinPatience < 0) {
            throw new IllegalArgumentException("--d-win-patience must be >= 0, got " + dWinPatience);
        }
    }

    /** True when the step needs gradients with respect to D's input (WGAN-GP or R1). */
    public boolean needsInputGradients() {
        return (loss == GanLoss.WGAN_GP && gpWeight > 0) || r1Gamma > 0;
    }

    public GanRecipe withLoss(GanLoss l) {
        return new GanRecipe(l, gpWeight, r1Gamma, dSteps, spectralNorm, lrG, lrD, beta1, beta2, dWinPatience);
    }

    public GanRecipe withPenalties(double gp, double r1) {
        return new GanRecipe(loss, gp, r1, dSteps, spectralNorm, lrG, lrD, beta1, beta2, dWinPatience);
    }

    public GanRecipe withDSteps(int n) {
        return new GanRecipe(loss, gpWeight, r1Gamma, n, spectralNorm, lrG, lrD, beta1, beta2, dWinPatience);
    }

    public GanRecipe withSpectralNorm(boolean sn) {
        return new GanRecipe(loss, gpWeight, r1Gamma, dSteps, sn, lrG, lrD, beta1, beta2, dWinPatience);
    }

    public GanRecipe withLr(double g, double d) {
        return new GanRecipe(loss, gpWeight, r1Gamma, dSteps, spectralNorm, g, d, beta1, beta2, dWinPatience);
    }

    public GanRecipe withBetas(double b1, double b2) {
        return new GanRecipe(loss, gpWeight, r1Gamma, dSteps, spectralNorm, lrG, lrD, b1, b2, dWinPatience);
    }

    public GanRecipe withDWinPatience(int p) {
        return new GanRecipe(loss, gpWeight, r1Gamma, dSteps, spectralNorm, lrG, lrD, beta1, beta2, p);
    }
}
