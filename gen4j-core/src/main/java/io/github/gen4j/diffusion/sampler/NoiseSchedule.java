package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDManager;

/**
 * A discrete noise schedule beta_1 .. beta_T of the forward process q(x_t | x_{t-1}) =
 * N(sqrt(1 - beta_t) x_{t-1}, beta_t I) and its closed form (Ho et al. 2020, eq. 4)
 *
 * <pre>
 * q(x_t | x_0) = N(sqrt(abar_t) x_0, (1 - abar_t) I),   abar_t = prod_{s <= t} (1 - beta_s)
 * </pre>
 * Index convention: arrays are 0-based, index i is the paper's t = i + 1, so {@code alphaBar(0)} is
 * the least noisy level and {@code alphaBar(T - 1)} the noisiest. The tables are computed once, in double
 * precision, on the host; {@link #onDevice} copies them to a device once for training and evaluation.
 * Immutable.
 */
public final class NoiseSchedule {

    /** The schedule's shape. */
    public enum Kind {
        /** beta linear from 1e-4 to 0.02 (scaled by 1000 / T) as in Ho et al. 2020. */
        LINEAR,
        /** abar_t = cos^2(((t/T + s) / (1 + s)) pi / 2) / abar_0, s = 0.008 (Nichol & Dhariwal 2021, eq. 17). */
        COSINE
    }

    private final Kind kind;
    private final double[] betas;
    private final double[] alphaBars;

    private NoiseSchedule(Kind kind, double[] betas) {
        this.kind = kind;
        this.betas = betas;
        this.alphaBars = new double[betas.length];
        double prod = 1;
        for (int i = 0; i < betas.length; i++) {
            prod *= 1 - betas[i];
            alphaBars[i] = prod;
        }
    }

    /** The schedule of {@code kind} with {@code timesteps} steps (T >= 2). */
    public static NoiseSchedule of(Kind kind, int timesteps) {
        if (timesteps < 2) {
            throw new IllegalArgumentException("a noise schedule needs at least 2 timesteps, got " + timesteps);
        }
        return kind == Kind.LINEAR ? linear(timesteps) : cosine(timesteps);
    }

    public static NoiseSchedule linear(int timesteps) {
        double scale = 1000.0 / timesteps; // keeps abar_T about the same for any T (Nichol & Dhariwal 2021)
        double lo = 1e-4 * scale;
        double hi = Math.min(0.02 * scale, 0.999);
        double[] b = new double[timesteps];
        for (int i = 0; i < timesteps; i++) {
            b[i] = lo + (hi - lo) * i / (timesteps - 1);
        }
        return new NoiseSchedule(Kind.LINEAR, b);
    }

    public static NoiseSchedule cosine(int timesteps) {
        double s = 0.008;
        double[] b = new double[timesteps];
        for (int i = 0; i < timesteps; i++) {
            double f1 = cosineF(i / (double) timesteps, s);
            double f2 = cosineF((i + 1) / (double) timesteps, s);
            b[i] = Math.min(1 - f2 / f1, 0.999); // beta_t = 1 - abar_t / abar_{t-1}, clipped (eq. 17)
        }
        return new NoiseSchedule(Kind.COSINE, b);
    }

    private static double cosineF(double u, double s) {
        double c = Math.cos((u + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    public Kind kind() {
        return kind;
    }

    /** T, the number of noise levels. */
    public int timesteps() {
        return betas.length;
    }

    public double beta(int i) {
        return betas[i];
    }

    /** abar at index i; {@code alphaBar(-1)} is 1 (clean data), which samplers use as their final level. */
    public double alphaBar(int i) {
        return i < 0 ? 1.0 : alphaBars[i];
    }

    /** A copy of all abar values, index 0 (least noise) to T - 1. */
    public double[] alphaBars() {
        return alphaBars.clone();
    }

    /** Half the log signal-to-noise ratio, lambda = log(sqrt(abar) / sqrt(1 - abar)) (DPM-Solver's time). */
    public double lambda(int i) {
        double ab = alphaBar(i);
        return 0.5 * Math.log(ab / (1 - ab));
    }

    /**
     * {@code steps} distinct timesteps evenly spaced from T - 1 down to 0 (descending), the visiting order
     * of a sampler that takes {@code steps} model evaluations; all T indices when steps >= T.
     */
    public int[] spacedTimesteps(int steps) {
        return spacedTimesteps(timesteps() - 1, steps);
    }

    /** {@code steps} distinct timesteps evenly spaced from {@code from} down to 0 (descending). */
    public int[] spacedTimesteps(int from, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (from < 0 || from >= timesteps()) {
            throw new IllegalArgumentException("timestep " + from + " outside 0.." + (timesteps() - 1));
        }
        int n = Math.min(steps, from + 1);
        int[] t = new int[n];
        for (int k = 0; k < n; k++) {
            t[k] = n == 1 ? from : (int) Math.round(from * (1.0 - k / (double) (n - 1)));
        }
        return t; // distinct: consecutive values differ by from / (n - 1) >= 1
    }

    /**
     * {@code steps} distinct timesteps from {@code from} down to 0 (descending) evenly spaced in
     * lambda = log SNR / 2 rather than in t, the spacing DPM-Solver recommends for low-resolution
     * pixel-space models (Lu et al. 2022, section 5): each step then changes lambda by the same h. Each
     * target lambda is mapped to the nearest timestep; where neighbours collide (lambda changes fast
     * near both ends) they are pushed apart so that exactly min(steps, from + 1) timesteps remain.
     */
    public int[] logSnrTimesteps(int from, int steps) {
        int[] uniform = spacedTimesteps(from, steps); // validates, and handles steps > from + 1
        int n = uniform.length;
        if (n < 3) {
            return uniform;
        }
        double hi = lambda(0);
        double lo = lambda(from);
        int[] t = new int[n];
        int j = from;
        for (int k = 0; k < n; k++) {
            double target = lo + (hi - lo) * k / (n - 1);
            while (j > 0 && Math.abs(lambda(j - 1) - target) <= Math.abs(lambda(j) - target)) {
                j--; // lambda increases as t decreases: walk down to the nearest
            }
            t[k] = Math.max(j, n - 1 - k); // leave room for the remaining steps
        }
        t[0] = from;
        for (int k = 1; k < n; k++) {
            t[k] = Math.min(t[k], t[k - 1] - 1); // strictly decreasing
        }
        return t;
    }

    /** The timestep whose noise-to-signal ratio sqrt((1 - abar) / abar) is closest to {@code ratio}. */
    public int timestepForNoise(double ratio) {
        int best = 0;
        double bestErr = Double.MAX_VALUE;
        for (int i = 0; i < timesteps(); i++) {
            double err = Math.abs(Math.sqrt((1 - alphaBars[i]) / alphaBars[i]) - ratio);
            if (err < bestErr) {
                bestErr = err;
                best = i;
            }
        }
        return best;
    }

    /**
     * Per-timestep weights of the variational bound (Ho et al. 2020, eq. 5) for a model that predicts
     * x_0: term_i = w_i ||x_0 - x0_hat(x_i, i)||^2 + D c_i. For i >= 1 it is the KL between Gaussians of
     * equal variance beta~_i = (1 - abar_{i-1}) / (1 - abar_i) beta_i, whose means differ by
     * sqrt(abar_{i-1}) beta_i / (1 - abar_i) (x_0 - x0_hat) (eq. 7), so w_i = abar_{i-1} beta_i /
     * (2 (1 - abar_i)(1 - abar_{i-1})) and c_i = 0. For i = 0 it is the decoder's negative log density
     * -log N(x_0; x0_hat, beta_0), so w_0 = 1 / (2 beta_0) and c_0 = log(2 pi beta_0) / 2.
     *
     * @return {w (T), c (T)}
     */
    public double[][] vlbWeights() {
        int n = timesteps();
        double[] w = new double[n];
        double[] c = new double[n];
        w[0] = 1 / (2 * betas[0]);
        c[0] = 0.5 * Math.log(2 * Math.PI * betas[0]);
        for (int i = 1; i < n; i++) {
            w[i] = alphaBars[i - 1] * betas[i] / (2 * (1 - alphaBars[i]) * (1 - alphaBars[i - 1]));
        }
        return new double[][] {w, c};
    }

    /** The device copy of the tables used per image in training and evaluation, owned by {@code manager}. */
    public ScheduleTables onDevice(NDManager manager) {
        return new ScheduleTables(this, manager);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " schedule, T = " + timesteps() + ", abar from " + alphaBars[0]
                + " to " + alphaBars[timesteps() - 1];
    }
}
