package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;

/**
 * Sinusoidal embedding of a scalar such as a diffusion timestep (Vaswani et al. 2017, section 3.5; used
 * for t by Ho et al. 2020): for frequencies f_i = 10000^(-i / (d/2)), i = 0 .. d/2 - 1,
 *
 * <pre>
 * emb(t) = [sin(t f_0), ..., sin(t f_{d/2-1}), cos(t f_0), ..., cos(t f_{d/2-1})]
 * </pre>
 * Nearby t get similar vectors, and every t gets a distinct one. No parameters; a family follows it
 * with its own MLP.
 */
public final class TimeEmbedding {

    private static final double MAX_PERIOD = 10000;

    private TimeEmbedding() {}

    /**
     * @param t (B) float32 values (timestep indices)
     * @param dim embedding size, even
     * @return (B, dim) on t's manager
     */
    public static NDArray sinusoidal(NDArray t, int dim) {
        if (dim < 2 || dim % 2 != 0) {
            throw new IllegalArgumentException("embedding size must be even and >= 2, got " + dim);
        }
        int half = dim / 2;
        float[] f = new float[half];
        for (int i = 0; i < half; i++) {
            f[i] = (float) Math.exp(-Math.log(MAX_PERIOD) * i / half);
        }
        long b = t.getShape().get(0);
        NDArray angles = t.reshape(b, 1).mul(t.getManager().create(f).reshape(1, half)); // (B, d/2)
        return angles.sin().concat(angles.cos(), 1);
    }
}
