package io.github.gen4j.latent;

import java.util.Locale;

/**
 * Paths between two latent vectors, computed on the host in double precision (latents are small:
 * 4 to a few thousand values).
 *
 * <p>Every gen4j family has a standard-normal prior over its latent (VAE, GAN z, flow z, diffusion x_T),
 * and a D-dimensional N(0, I) vector has norm close to sqrt(D). The straight line between two such
 * vectors cuts through the inside of that shell: its midpoint has norm about sqrt(D / 2), a latent the
 * model almost never saw, which is why lerp midpoints of GANs and DDIM latents look washed out (White
 * 2016, "Sampling Generative Networks"; Song et al. 2021, DDIM sec. 5.3, interpolate with slerp).
 */
public enum Interpolation {

    /** z(t) = (1 - t) z0 + t z1. */
    LERP,

    /**
     * Spherical: the direction moves along the great circle from z0/|z0| to z1/|z1| at constant angular
     * speed (Shoemake 1985: u(t) = sin((1 - t) theta) / sin(theta) u0 + sin(t theta) / sin(theta) u1,
     * cos theta = u0 . u1) while the norm moves linearly from |z0| to |z1|. For endpoints of equal norm
     * this is the classic slerp and every frame keeps that norm; for Gaussian endpoints (norms within a
     * few percent of sqrt(D)) every frame stays on the typical shell.
     */
    SLERP;

    /** Parses "lerp" or "slerp" (case-insensitive), with a one-line error naming {@code option}. */
    public static Interpolation parse(String s, String option) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not lerp or slerp");
        }
    }

    /** The point at fraction {@code t} in [0, 1] of the path from {@code z0} to {@code z1}. */
    public double[] at(double[] z0, double[] z1, double t) {
        if (z0.length != z1.length) {
            throw new IllegalArgumentException("latents of different sizes: " + z0.length + " and " + z1.length);
        }
        int d = z0.length;
        double[] out = new double[d];
        double n0 = norm(z0);
        double n1 = norm(z1);
        if (this == LERP || n0 == 0 || n1 == 0) {
            for (int i = 0; i < d; i++) {
                out[i] = (1 - t) * z0[i] + t * z1[i];
            }
            return out;
        }
        double cos = 0;
        for (int i = 0; i < d; i++) {
            cos += z0[i] / n0 * (z1[i] / n1);
        }
        double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
        double a;
        double b;
        if (Math.sin(theta) < 1e-6) {
            // (anti)parallel directions: the great circle is undefined or any; move the direction linearly
            a = 1 - t;
            b = t;
        } else {
            a = Math.sin((1 - t) * theta) / Math.sin(theta);
            b = Math.sin(t * theta) / Math.sin(theta);
        }
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = a * z0[i] / n0 + b * z1[i] / n1;
        }
        double nu = norm(u);
        double r = (1 - t) * n0 + t * n1;
        for (int i = 0; i < d; i++) {
            out[i] = nu == 0 ? 0 : u[i] / nu * r; // nu = 1 up to round-off except in the degenerate case
        }
        return out;
    }

    /**
     * {@code steps} points from z0 (t = 0) to z1 (t = 1) at evenly spaced t, as one (steps, D) row-major
     * float array (steps >= 2).
     */
    public float[] path(float[] z0, float[] z1, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("--steps must be >= 2, got " + steps);
        }
        double[] a = toDouble(z0);
        double[] b = toDouble(z1);
        float[] out = new float[steps * z0.length];
        for (int k = 0; k < steps; k++) {
            double[] z = k == 0 ? a : k == steps - 1 ? b : at(a, b, (double) k / (steps - 1));
            for (int i = 0; i < z.length; i++) {
                out[k * z.length + i] = (float) z[i];
            }
        }
        return out;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static double norm(double[] z) {
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double[] toDouble(float[] z) {
        double[] d = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            d[i] = z[i];
        }
        return d;
    }
}
