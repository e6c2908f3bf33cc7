package io.github.gen4j.eval;

/**
 * How the classes of a sample set are spread, as the feature network's classifier sees them.
 *
 * <p>q = histogram of the samples' predicted classes; p = histogram of the real reference images'
 * predicted classes (the same classifier, so its confusions affect both sides alike), Laplace-smoothed
 * (count + 1) / (n + K) so that the divergence stays finite. A class is <em>covered</em> when it gets at
 * least {@value #COVERED_FRACTION} of the share the data gives it (2% of the samples for 10 balanced
 * classes): a mode-collapsed model covers few classes, while the few misclassified samples of a collapsed
 * class stay below the threshold.
 *
 * @param histogram (K) sample counts per predicted class
 * @param classesCovered number of covered classes
 * @param numClasses K
 * @param klToData KL(q || p) = sum_k q_k log(q_k / p_k) in nats (0 = the data's class balance)
 * @param conditionalAccuracy fraction of samples classified as the class they were asked for (NaN when
 *     no class was requested)
 */
public record ModeCoverage(long[] histogram, int classesCovered, int numClasses, double klToData,
        double conditionalAccuracy) {

    /** A class is covered with at least this fraction of its share in the data. */
    public static final double COVERED_FRACTION = 0.2;

    /**
     * @param samplePredicted predicted class of each sample
     * @param realPredicted predicted class of each real reference image
     * @param requested the class each sample was asked for, or null for unconditional samples
     */
    public static ModeCoverage of(int[] samplePredicted, int[] realPredicted, int numClasses, int[] requested) {
        long[] q = histogram(samplePredicted, numClasses);
        long[] p = histogram(realPredicted, numClasses);
        int n = samplePredicted.length;
        int covered = 0;
        double kl = 0;
        for (int k = 0; k < numClasses; k++) {
            double pk = (p[k] + 1.0) / (realPredicted.length + numClasses);
            double qk = (double) q[k] / n;
            if (qk >= COVERED_FRACTION * pk) {
                covered++;
            }
            if (qk > 0) {
                kl += qk * Math.log(qk / pk);
            }
        }
        double acc = Double.NaN;
        if (requested != null) {
            if (requested.length != n) {
                throw new IllegalArgumentException(requested.length + " requested labels for " + n + " samples");
            }
            int right = 0;
            for (int i = 0; i < n; i++) {
                right += requested[i] == samplePredicted[i] ? 1 : 0;
            }
            acc = (double) right / n;
        }
        return new ModeCoverage(q, covered, numClasses, kl, acc);
    }

    static long[] histogram(int[] labels, int k) {
        long[] h = new long[k];
        for (int l : labels) {
            h[l]++;
        }
        return h;
    }
}
