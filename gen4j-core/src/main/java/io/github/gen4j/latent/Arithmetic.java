package io.github.gen4j.latent;

/**
 * Latent arithmetic: z + s (mean_A - mean_B) for base latents z and scales s (s = 1 is "image minus B
 * plus A"; a range of s walks along the direction). Host arrays, row-major.
 */
public final class Arithmetic {

    private Arithmetic() {}

    /** a - b, elementwise. */
    public static float[] direction(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("latents of different sizes: " + a.length + " and " + b.length);
        }
        float[] d = new float[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /**
     * The walk grid: row i, column j is {@code bases[i] + scales[j] * direction}; (n * scales, D).
     *
     * @param bases (n, D) latents
     */
    public static float[] walk(float[] bases, int n, float[] direction, double[] scales) {
        int d = direction.length;
        if (bases.length != n * d) {
            throw new IllegalArgumentException(bases.length + " values for " + n + " latents of size " + d);
        }
        float[] out = new float[n * scales.length * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < scales.length; j++) {
                int at = (i * scales.length + j) * d;
                for (int k = 0; k < d; k++) {
                    out[at + k] = (float) (bases[i * d + k] + scales[j] * direction[k]);
                }
            }
        }
        return out;
    }
}
