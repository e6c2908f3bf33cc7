package io.github.gen4j.model;

/**
 * Options for {@link ImageGenerator#generate}; families ignore what does not apply to them.
 *
 * @param classLabel the class to draw for a conditional model, or -1 for "cycle through all classes"
 * @param temperature scale of the prior noise (1 = the model's distribution; < 1 trades diversity for
 *     typicality)
 */
public record SampleOptions(int classLabel, double temperature) {

    public static SampleOptions defaults() {
        return new SampleOptions(-1, 1.0);
    }
}
