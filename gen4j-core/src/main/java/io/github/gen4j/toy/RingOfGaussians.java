package io.github.gen4j.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k Gaussians of standard deviation {@code std} equally spaced on a circle of radius {@code radius}, each
 * drawn with probability 1/k: the standard mode-collapse benchmark (8 modes, radius 2, std 0.02 in
 * Metz et al. 2017, "Unrolled GANs"; VEEGAN and PacGAN use it too).
 */
public final class RingOfGaussians implements ToyDistribution {

    private final int k;
    private final double radius;
    private final double std;
    private final List<Mode> modes;

    public RingOfGaussians(int k, double radius, double std) {
        if (k < 1 || !(radius > 0) || !(std > 0)) {
            throw new IllegalArgumentException("ring of Gaussians: need k >= 1, radius > 0, std > 0");
        }
        this.k = k;
        this.radius = radius;
        this.std = std;
        List<Mode> m = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * i / k;
            m.add(new Mode(radius * Math.cos(a), radius * Math.sin(a), std));
        }
        this.modes = List.copyOf(m);
    }

    /** 8 Gaussians on a ring of radius 2 with standard deviation 0.05. */
    public static RingOfGaussians eight() {
        return new RingOfGaussians(8, 2.0, 0.05);
    }

    @Override
    public String name() {
        return "ring" + k;
    }

    @Override
    public float[] sample(int n, SplittableRandom rng) {
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            Mode m = modes.get(rng.nextInt(k));
            out[2 * i] = (float) (m.x() + std * rng.nextGaussian());
            out[2 * i + 1] = (float) (m.y() + std * rng.nextGaussian());
        }
        return out;
    }

    @Override
    public List<Mode> modes() {
        return modes;
    }

    @Override
    public double extent() {
        return radius * 1.6;
    }
}
