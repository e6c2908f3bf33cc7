package io.github.gen4j.toy;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Two interleaved half circles ("two moons", as scikit-learn's {@code make_moons}), each drawn with
 * probability 1/2, plus isotropic Gaussian noise, then centred and scaled:
 *
 * <pre>
 * outer: (cos u, sin u),              u ~ U[0, pi]
 * inner: (1 - cos u, 1/2 - sin u)
 * x = scale ((p - (1/2, 1/4)) + noise N(0, I)),   E[p] = (1/2, 1/4) exactly
 * </pre>
 * A connected, curved support with no separated modes: it shows whether a model bends its mass along a
 * manifold, smears it between the moons, or drops one moon.
 *
 * <p>Moments (for tests): Var[x]/scale^2 = 1/2 + 1/4 + noise^2; Var[y]/scale^2 = (1/2 - 4/pi^2)
 * + (2/pi - 1/4)^2 + noise^2 (within-moon variance of sin u plus the spread of the moons' mean heights
 * 2/pi and 1/2 - 2/pi around 1/4).
 */
public final class TwoMoons implements ToyDistribution {

    private final double noise;
    private final double scale;

    /**
     * @param noise standard deviation of the added noise, before scaling (scikit-learn's {@code noise})
     * @param scale factor applied after centring
     */
    public TwoMoons(double noise, double scale) {
        if (!(noise >= 0) || !(scale > 0)) {
            throw new IllegalArgumentException("two moons: need noise >= 0 and scale > 0");
        }
        this.noise = noise;
        this.scale = scale;
    }

    /** Noise 0.1, scale 1.5: spans about [-2.4, 2.4] x [-1.2, 1.2], the ring's scale. */
    public static TwoMoons standard() {
        return new TwoMoons(0.1, 1.5);
    }

    public double noise() {
        return noise;
    }

    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return "moons";
    }

    @Override
    public float[] sample(int n, SplittableRandom rng) {
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double u = Math.PI * rng.nextDouble();
            boolean outer = rng.nextBoolean();
            double px = outer ? Math.cos(u) : 1 - Math.cos(u);
            double py = outer ? Math.sin(u) : 0.5 - Math.sin(u);
            out[2 * i] = (float) (scale * (px - 0.5 + noise * rng.nextGaussian()));
            out[2 * i + 1] = (float) (scale * (py - 0.25 + noise * rng.nextGaussian()));
        }
        return out;
    }

    @Override
    public List<Mode> modes() {
        return List.of();
    }

    @Override
    public double extent() {
        return scale * 2.0;
    }
}
