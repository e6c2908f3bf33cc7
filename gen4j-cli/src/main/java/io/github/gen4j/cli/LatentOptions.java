package io.github.gen4j.cli;

import io.github.gen4j.latent.LatentRecovery;
import io.github.gen4j.latent.LatentSettings;
import picocli.CommandLine.Option;

/** How the latent tools find latents for families without a closed-form encoder (diffusion, GAN). */
public final class LatentOptions {

    @Option(names = "--ddim-steps", defaultValue = "50", paramLabel = "N",
            description = "Diffusion: DDIM steps of inversion and generation (capped at the model's levels; default: ${DEFAULT-VALUE}).")
    int ddimSteps;

    @Option(names = "--recovery-steps", defaultValue = "300", paramLabel = "N",
            description = "GAN: Adam steps of latent recovery for real images (default: ${DEFAULT-VALUE}).")
    int recoverySteps;

    @Option(names = "--recovery-restarts", defaultValue = "4", paramLabel = "R",
            description = "GAN: random starts per image, the best kept (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(names = "--guidance", defaultValue = "1", paramLabel = "W",
            description = "Conditional diffusion: guidance scale when a class is given (default: ${DEFAULT-VALUE} = the conditional model).")
    double guidance;

    LatentSettings settings() {
        if (ddimSteps < 1) {
            throw new IllegalArgumentException("--ddim-steps must be >= 1, got " + ddimSteps);
        }
        if (recoverySteps < 0 || restarts < 1) {
            throw new IllegalArgumentException("--recovery-steps must be >= 0 and --recovery-restarts >= 1");
        }
        if (!(guidance >= 0)) {
            throw new IllegalArgumentException("--guidance must be >= 0, got " + guidance);
        }
        LatentRecovery.Settings d = LatentRecovery.Settings.defaults();
        return LatentSettings.defaults().withDdimSteps(ddimSteps).withGuidance(guidance)
                .withRecovery(new LatentRecovery.Settings(recoverySteps, d.lr(), d.priorWeight(), restarts));
    }
}
