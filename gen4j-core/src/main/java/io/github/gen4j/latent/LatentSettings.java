package io.github.gen4j.latent;

/**
 * How the families without a closed-form encoder find latents.
 *
 * @param ddimSteps diffusion: DDIM steps of inversion (image to x_T) and of generation (x_T to image);
 *     the two are exact inverses only with the same number
 * @param inversionIterations diffusion: fixed-point iterations per inversion step (see
 *     {@code DdimSampler.invert}; 2 is accurate to about 1e-3 on Gaussian data, 0 is the usual inversion)
 * @param guidance conditional diffusion: classifier-free guidance scale when a class is given (1 = the
 *     conditional model)
 * @param recovery GAN: latent recovery by optimization
 */
public record LatentSettings(int ddimSteps, int inversionIterations, double guidance, LatentRecovery.Settings recovery) {

    public LatentSettings {
        if (ddimSteps < 1 || inversionIterations < 0 || !(guidance >= 0) || recovery == null) {
            throw new IllegalArgumentException("--ddim-steps must be >= 1, inversion iterations and --guidance >= 0");
        }
    }

    /** 50 DDIM steps with 2 fixed-point iterations, guidance 1, the default recovery. */
    public static LatentSettings defaults() {
        return new LatentSettings(50, 2, 1, LatentRecovery.Settings.defaults());
    }

    public LatentSettings withDdimSteps(int s) {
        return new LatentSettings(s, inversionIterations, guidance, recovery);
    }

    public LatentSettings withRecovery(LatentRecovery.Settings r) {
        return new LatentSettings(ddimSteps, inversionIterations, guidance, r);
    }

    public LatentSettings withGuidance(double g) {
        return new LatentSettings(ddimSteps, inversionIterations, g, recovery);
    }
}
