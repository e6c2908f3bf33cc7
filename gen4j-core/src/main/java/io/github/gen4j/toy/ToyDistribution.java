package io.github.gen4j.toy;

import java.util.List;
import java.util.SplittableRandom;

/** A distribution over points in the plane whose modes are known, so coverage can be counted. */
public interface ToyDistribution {

    /** A mode: an isotropic Gaussian bump at (x, y) with standard deviation {@code std}. */
    record Mode(double x, double y, double std) {}

    /** A short name for file names and messages ("ring8"). */
    String name();

    /** n points as (x0, y0, x1, y1, ...), drawn with {@code rng}. */
    float[] sample(int n, SplittableRandom rng);

    /** The modes, in a fixed order. */
    List<Mode> modes();

    /** Half the side of a square around the origin that shows every mode with a margin (for plots). */
    double extent();
}
