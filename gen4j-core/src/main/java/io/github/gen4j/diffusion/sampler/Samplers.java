package io.github.gen4j.diffusion.sampler;

import java.util.List;
import java.util.Locale;

/** Creates a {@link Sampler} by its {@code --sampler} name. */
public final class Samplers {

    /** The sampler used when none is named: DPM-Solver++(2M), good in 10-25 steps. */
    public static final String DEFAULT = "dpm++2m";

    private Samplers() {}

    /** Known names, as listed to users. */
    public static List<String> names() {
        return List.of("ddpm", "ddim", "dpm++2m");
    }

    /**
     * The listed name of a sampler: "ddpm", "ddim" or "dpm++2m" (also "dpmpp2m", "dpm"), case-insensitive;
     * null = {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming {@code --sampler} and the known names
     */
    public static String canonical(String name) {
        String n = name == null ? DEFAULT : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "ddpm":
            case "ddim":
                return n;
            case "dpm++2m":
            case "dpmpp2m":
            case "dpm":
                return "dpm++2m";
            default:
                throw new IllegalArgumentException("--sampler: unknown sampler '" + name + "' (known: "
                        + String.join(", ", names()) + ")");
        }
    }

    /**
     * @param name a name {@link #canonical} accepts
     * @param eta DDIM stochasticity (ignored by the other samplers: DDPM is always fully stochastic,
     *     DPM-Solver++ deterministic)
     * @param clip clip the predicted clean image to [-1, 1] at every step
     */
    public static Sampler create(String name, NoiseSchedule schedule, double eta, boolean clip) {
        switch (canonical(name)) {
            case "ddpm":
                return new DdpmSampler(schedule, clip);
            case "ddim":
                return new DdimSampler(schedule, eta, clip);
            default:
                return new DpmSolverSampler(schedule, clip);
        }
    }
}
