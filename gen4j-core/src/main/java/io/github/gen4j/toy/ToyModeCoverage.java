package io.github.gen4j.toy;

import java.util.List;

/**
 * How many modes of a {@link ToyDistribution} a set of samples covers, by the usual rule of the toy GAN
 * literature (Metz et al. 2017; Srivastava et al. 2017, VEEGAN): a sample is "high quality" if it lies
 * within 3 standard deviations of a mode's centre, and a mode is covered if it has at least
 * {@code MIN_FRACTION} of the samples' fair share (n / k) of high-quality samples.
 *
 * @param perMode high-quality samples near each mode, in {@link ToyDistribution#modes()} order
 * @param covered modes covered
 * @param modes total number of modes
 * @param highQuality fraction of all samples within 3 sigma of some mode
 * @param need high-quality samples a mode needs to count as covered
 */
public record ToyModeCoverage(int[] perMode, int covered, int modes, double highQuality, double need) {

    /** Share of the fair n / k a mode needs to count as covered. */
    public static final double MIN_FRACTION = 0.1;

    /** A sample within this many standard deviations of a mode's centre is "high quality" for that mode. */
    public static final double RADIUS_SIGMAS = 3;

    /** Counts coverage of {@code points} (x0, y0, x1, y1, ...); a distribution without modes covers 0 of 0. */
    public static ToyModeCoverage of(ToyDistribution dist, float[] points) {
        List<ToyDistribution.Mode> modes = dist.modes();
        int n = points.length / 2;
        int[] per = new int[modes.size()];
        int good = 0;
        for (int i = 0; i < n; i++) {
            double px = points[2 * i];
            double py = points[2 * i + 1];
            for (int j = 0; j < modes.size(); j++) {
                ToyDistribution.Mode m = modes.get(j);
                if (Math.hypot(px - m.x(), py - m.y()) <= RADIUS_SIGMAS * m.std()) {
                    per[j]++;
                    good++;
                    break;
                }
            }
        }
        double need = Math.max(1, MIN_FRACTION * n / Math.max(1, modes.size()));
        int covered = 0;
        for (int c : per) {
            if (c >= need) {
                covered++;
            }
        }
        return new ToyModeCoverage(per, covered, modes.size(), n == 0 ? 0 : (double) good / n, need);
    }

    /** Whether mode i has the samples it needs to count as covered. */
    public boolean isCovered(int i) {
        return perMode[i] >= need;
    }

    @Override
    public String toString() {
        return covered + "/" + modes + " modes, " + Math.round(100 * highQuality) + "% of samples within 3 sigma";
    }
}
