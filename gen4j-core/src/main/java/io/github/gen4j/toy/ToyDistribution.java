package io.github.gen4j.toy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A distribution over points in the plane to train toy models on. Distributions made of separated
 * Gaussian bumps list them as {@link #modes()}, so coverage can be counted ({@link ToyModeCoverage});
 * others (two moons) have none.
 */
public interface ToyDistribution {

    /** A mode: an isotropic Gaussian bump at (x, y) with standard deviation {@code std}. */
    record Mode(double x, double y, double std) {}

    /** A short name for file names and messages ("ring8", "moons"). */
    String name();

    /** n points as (x0, y0, x1, y1, ...), drawn with {@code rng}. */
    float[] sample(int n, SplittableRandom rng);

    /** The modes, in a fixed order; empty when the distribution is not a mixture of separated bumps. */
    List<Mode> modes();

    /** Half the side of a square around the origin that shows the whole distribution with a margin. */
    double extent();

    /**
     * A distribution by its command-line name: "ring" (8 Gaussians on a ring, {@link RingOfGaussians#eight})
     * or "moons" ({@link TwoMoons#standard}).
     */
    static ToyDistribution parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "ring":
            case "ring8":
                return RingOfGaussians.eight();
            case "moons":
                return TwoMoons.standard();
            default:
                throw new IllegalArgumentException("--dist: unknown toy distribution '" + name
                        + "' (expected ring or moons)");
        }
    }

    /** The command-line name of {@code d} ("ring" for the 8-Gaussian ring, else its {@link #name()}). */
    static String cliName(ToyDistribution d) {
        return d.name().equals("ring8") ? "ring" : d.name();
    }
}
