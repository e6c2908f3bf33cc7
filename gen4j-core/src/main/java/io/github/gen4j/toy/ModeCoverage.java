package io.github.gen4j.toy;

import java.util.List;

/**
 * How many modes of a {@link ToyDistribution} a set of samples covers, by the usual rule of the toy GAN
 * literature (Metz et al. 2017; Srivastava et al. 2017, VEEGAN): a sample is "high quality" if it lies
 * within 3 standard deviations of a mode's centre, and a mode is covered if it has at least
 * {@code minFraction} of the samples' fair share (n / k) of high-quality samples.
 *
 * @param perMode high-quality samples near each mode, in {@link ToyDistribution#modes()} order
 * @param covered modes covered
 * @param modes total number of modes
 * @param highQuality fraction of all samples within 3 sigma of some mode
 */
public record ModeCoverage(int[] perMode, int covered, int modes, double highQuality) {

    /** Share of the fair n / k a mode needs to count as covered. */
    public static final double MIN_FRACTION = 0.1;

    /** Counts coverage of {@code points} (x0, y0, x1, y1, ...). */
    public static ModeCoverage of(ToyDistribution dist, float[] points) {
        List<ToyDistribution.Mode> modes = dist.modes();
        int n = points.length / 2;
        int[] per = new int[modes.size()];
        int good = 0;
        for (int i = 0; i < n; i++) {
            double px = points[2 * i];
            double py = points[2 * i + 1];
            for (int j = 0; j < modes.size(); j++) {
                ToyDistribution.Mode m = modes.get(j);
                if (Math.hypot(px - m.x(), py - m.y()) <= 3 * m.std()) {
                    per[j]++;
                    good++;
                    break;
                }
            }
        }
        double need = Math.max(1, MIN_FRACTION * n / modes.size());
        int covered = 0;
        for (int c : per) {
            if (c >= need) {
                covered++;
            }
        }
        return new ModeCoverage(per, covered, modes.size(), n == 0 ? 0 : (double) good / n);
    }

    @Override
    public String toString() {
        return covered + "/" + modes + " modes, " + Math.round(100 * highQuality) + "% of samples within 3 sigma";
    }
}
