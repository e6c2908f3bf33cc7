package io.github.gen4j.toy;

/**
 * A model's log-density evaluated at the centres of a size x size grid of square cells covering
 * [-extent, extent]^2. Cell (i, j) is row i from the bottom (y = -extent + (i + 1/2) h) and column j from
 * the left (x = -extent + (j + 1/2) h), h = 2 extent / size; {@code logDensity[i * size + j]}.
 *
 * @param kind exact log p(x), or a lower bound on it
 * @param note how the values were computed
 */
public record DensityGrid(double extent, int size, double[] logDensity, ToyModel.Density kind, String note) {

    public DensityGrid {
        if (size < 2 || logDensity.length != size * size || !(extent > 0)) {
            throw new IllegalArgumentException("density grid: need size >= 2, size^2 values, extent > 0");
        }
    }

    /** Side of a cell. */
    public double cell() {
        return 2 * extent / size;
    }

    /** The grid's cell centres as (x0, y0, x1, y1, ...), in {@code logDensity} order. */
    public static float[] centres(double extent, int size) {
        double h = 2 * extent / size;
        float[] xy = new float[2 * size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                xy[2 * (i * size + j)] = (float) (-extent + (j + 0.5) * h);
                xy[2 * (i * size + j) + 1] = (float) (-extent + (i + 0.5) * h);
            }
        }
        return xy;
    }

    /**
     * The midpoint-rule integral sum_cells exp(log p) h^2: about 1 for a normalized density whose mass lies
     * inside the grid, at most about 1 for a lower bound.
     */
    public double integral() {
        double h = cell();
        double s = 0;
        for (double v : logDensity) {
            s += Math.exp(v);
        }
        return s * h * h;
    }
}
