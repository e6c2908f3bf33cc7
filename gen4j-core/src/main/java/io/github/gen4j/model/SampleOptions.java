package io.github.gen4j.model;

/**
 * Options for {@link ImageGenerator#generate}. Each family uses the options that apply to it and ignores
 * the others (a VAE has no sampler; a GAN has no temperature but a truncation).
 *
 * @param classLabel the class to draw for a conditional model, or -1 for "cycle through all classes"
 * @param temperature scale of the prior noise for likelihood models (VAE, flow): 1 = the model's
 *     distribution, less than 1 trades diversity for typicality
 * @param truncation GAN truncation: resample latent entries whose absolute value exceeds it; 0 = off
 * @param sampler diffusion sampler name ("ddpm", "ddim", ...); null = the family's default
 * @param steps diffusion sampling steps; 0 = the sampler's default
 * @param eta DDIM stochasticity (0 = deterministic)
 * @param guidance classifier-free guidance scale for conditional diffusion (0 = unconditional model)
 * @param progress told after each sampling step of a multi-step sampler (diffusion); null = nobody
 */
public record SampleOptions(
        int classLabel, double temperature, double truncation, String sampler, int steps, double eta,
        double guidance, SamplingProgress progress) {

    public SampleOptions {
        if (!(temperature >= 0) || !(truncation >= 0) || steps < 0 || !(eta >= 0)) {
            throw new IllegalArgumentException("sample options: temperature, truncation, steps and eta must be >= 0");
        }
    }

    /** The options without a progress listener (the constructor before progress reporting existed). */
    public SampleOptions(int classLabel, double temperature, double truncation, String sampler, int steps, double eta,
            double guidance) {
        this(classLabel, temperature, truncation, sampler, steps, eta, guidance, null);
    }

    /** Unconditional, temperature 1, no truncation, the family's default sampler. */
    public static SampleOptions defaults() {
        return new SampleOptions(-1, 1.0, 0, null, 0, 0, 0);
    }

    /** Reports sampling steps to {@code p} (may be null). */
    public SampleOptions withProgress(SamplingProgress p) {
        return new SampleOptions(classLabel, temperature, truncation, sampler, steps, eta, guidance, p);
    }

    /** A diffusion sampler by name and its number of steps (0 = the sampler's default). */
    public SampleOptions withSampler(String name, int steps) {
        return new SampleOptions(classLabel, temperature, truncation, name, steps, eta, guidance, progress);
    }

    /** DDIM's eta. */
    public SampleOptions withEta(double e) {
        return new SampleOptions(classLabel, temperature, truncation, sampler, steps, e, guidance, progress);
    }

    /** Classifier-free guidance scale (0 = unconditional, 1 = conditional, > 1 = guided). */
    public SampleOptions withGuidance(double g) {
        return new SampleOptions(classLabel, temperature, truncation, sampler, steps, eta, g, progress);
    }

    /** Calls the progress listener if there is one. */
    public void reportStep(int done, int total) {
        if (progress != null) {
            progress.onStep(done, total);
        }
    }

    /** Class {@code k} (or -1 for all classes), otherwise defaults. */
    public static SampleOptions ofClass(int k) {
        return defaults().withClass(k);
    }

    public SampleOptions withClass(int k) {
        return new SampleOptions(k, temperature, truncation, sampler, steps, eta, guidance, progress);
    }

    public SampleOptions withTemperature(double t) {
        return new SampleOptions(classLabel, t, truncation, sampler, steps, eta, guidance, progress);
    }
}
