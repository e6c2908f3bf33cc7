package io.github.gen4j.toy;

/**
 * A trained toy model's outputs: its samples, its density on a grid (if it has one), the loss curve and
 * the training time.
 *
 * @param family "gan", "vae", "diffusion" or "flow"
 * @param samples the model's points (x0, y0, ...), drawn with the run's evaluation seed
 * @param density log-density (or bound) on a grid; null when the family has none or no grid was asked for
 * @param densityNote how the density was computed, or why there is none
 * @param heldOutLogDensity mean log p(x) (or its bound) over held-out points, nats per point; NaN if none
 * @param losses mean training loss per logging window (GAN: the discriminator's loss)
 * @param seconds wall-clock training time (without the final sampling and density grid)
 * @param diverged why training stopped on a non-finite value, or null
 */
public record ToyFit(String family, float[] samples, DensityGrid density, String densityNote,
        double heldOutLogDensity, double[] losses,
        double seconds, String diverged) {

    /** Mean of the first logged window (NaN if none). */
    public double firstLoss() {
        return losses.length == 0 ? Double.NaN : losses[0];
    }

    /** Mean of the last logged window (NaN if none). */
    public double lastLoss() {
        return losses.length == 0 ? Double.NaN : losses[losses.length - 1];
    }
}
