package io.github.gen4j.eval;

import io.github.gen4j.data.ImageDataset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Computes every sample-quality metric of a sample set against real data with one feature network. The
 * real side is prepared once (features of all training images, the reference subset's Gaussian fit and
 * k-NN radii, the test images' nearest-train distances, real sharpness), so evaluating several sample sets
 * (the sanity table, a comparison) pays for it once.
 *
 * <ul>
 *   <li>distribution metrics (FID, KID, precision, recall, density, coverage) against {@code referenceN}
 *       training images;
 *   <li>mode coverage with the network's classifier (when it has one);
 *   <li>memorization against the whole training set, calibrated by the test images;
 *   <li>sharpness relative to the reference images.
 * </ul>
 */
public final class Evaluator {

    private final FeatureNetwork net;
    private final EvalOptions opts;
    private final ImageDataset train;
    private final ImageDataset reference;
    private final String referenceDescription;
    private final Features trainFeatures;
    private final Features referenceFeatures;
    private final GaussianFit referenceFit;
    private final double[] referenceRadii;
    private final double[] testNearest;
    private final double referenceSharpness;
    private final Map<String, Double> prepareSeconds = new LinkedHashMap<>();

    /**
     * @param train the training images (memorization looks for copies among all of them; the reference is a
     *     seeded subset of {@code opts.referenceN()})
     * @param test real held-out images (never trained on), the baseline of the memorization test
     * @param log receives one line per preparation phase (may be null)
     */
    public Evaluator(FeatureNetwork net, ImageDataset train, ImageDataset test, EvalOptions opts, Consumer<String> log) {
        this(net, train, test, false, opts, log);
    }

    /**
     * As above; with {@code referenceIsTest} the distribution metrics (FID, KID, precision, recall, density,
     * coverage, sharpness) compare the samples with a seeded subset of up to {@code referenceN} of the
     * <em>test</em> images instead of training images, so that a model is never scored against the images it
     * was trained on (the comparison report does this). Memorization still searches the whole training set.
     */
    public Evaluator(FeatureNetwork net, ImageDataset train, ImageDataset test, boolean referenceIsTest,
            EvalOptions opts, Consumer<String> log) {
        this.net = net;
        this.opts = opts;
        this.train = train;
        Consumer<String> say = log == null ? s -> { } : log;
        long t0 = System.nanoTime();
        say.accept("features of " + train.size() + " training images (" + net.name() + ") ...");
        trainFeatures = net.extract(train, opts.batchSize(), null);
        prepareSeconds.put("train_features", secondsSince(t0));
        long t1 = System.nanoTime();
        say.accept("features of " + test.size() + " test images and their nearest training images ...");
        Features testFeatures = net.extract(test, opts.batchSize(), null);
        testNearest = Memorization.nearestTrain(testFeatures, trainFeatures);
        prepareSeconds.put("test_nearest_train", secondsSince(t1));
        ImageDataset refSource = referenceIsTest ? test : train;
        Features refSourceFeatures = referenceIsTest ? testFeatures : trainFeatures;
        String kind = referenceIsTest ? "held-out (never trained on) images of " : "training images of ";
        int[] refIdx = referenceIndices(refSource.size(), opts.referenceN(), opts.seed());
        reference = refSource.subset(refIdx);
        referenceFeatures = refSourceFeatures.subset(refIdx);
        referenceDescription = refIdx.length == refSource.size() ? "all " + kind + refSource.name()
                : "seeded random subset of the " + kind + refSource.name();
        long t2 = System.nanoTime();
        referenceFit = GaussianFit.of(referenceFeatures);
        referenceRadii = Manifold.radii(referenceFeatures, opts.k());
        referenceSharpness = Sharpness.of(reference);
        prepareSeconds.put("reference_statistics", secondsSince(t2));
    }

    /** Seconds spent preparing the real side, by phase. */
    public Map<String, Double> prepareSeconds() {
        return prepareSeconds;
    }

    public FeatureNetwork network() {
        return net;
    }

    /** The reference images (for tests and the sanity table). */
    public ImageDataset reference() {
        return reference;
    }

    /**
     * Fails unless {@code n} samples are enough for every metric (2 for a covariance, k + 1 for the k-NN
     * radii): call it before the minute of feature extraction that {@link #Evaluator} spends.
     */
    public static void requireEnough(int n, EvalOptions opts) {
        if (n < Math.max(2, opts.k() + 1)) {
            throw new IllegalArgumentException("need at least " + Math.max(2, opts.k() + 1) + " samples, got " + n);
        }
    }

    /**
     * Every metric of {@code samples}.
     *
     * @param requested the class each sample was asked for (conditional models), or null
     * @param description what the samples are, for the report
     */
    public EvalReport evaluate(ImageDataset samples, int[] requested, String description) {
        requireEnough(samples.size(), opts);
        String n = net.name();
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Double> sec = new LinkedHashMap<>();
        long t = System.nanoTime();
        Features f = net.extract(samples, opts.batchSize(), null);
        sec.put("features", secondsSince(t));

        t = System.nanoTime();
        m.put("fid_" + n, Frechet.distance(GaussianFit.of(f), referenceFit));
        sec.put("fid", secondsSince(t));
        t = System.nanoTime();
        Kid kid = Kid.of(f, referenceFeatures, opts.kidSubsets(), opts.kidSubsetSize(), opts.seed());
        m.put("kid_" + n, kid.mean());
        m.put("kid_std_" + n, kid.std());
        details.put("kid", Map.of("subsets", kid.subsets(), "subsetSize", kid.subsetSize()));
        sec.put("kid", secondsSince(t));
        t = System.nanoTime();
        // k-NN radii shrink as a set grows: compare sets of equal size (as the reference implementations are
        // used), with a seeded subset of the reference when there are fewer samples than reference images
        Features manifoldRef = referenceFeatures;
        double[] radii = referenceRadii;
        if (f.count() < referenceFeatures.count()) {
            manifoldRef = referenceFeatures.subset(referenceIndices(referenceFeatures.count(), f.count(), opts.seed()));
            radii = Manifold.radii(manifoldRef, opts.k());
        }
        details.put("manifoldReferenceImages", manifoldRef.count());
        Manifold pr = Manifold.of(manifoldRef, radii, f, opts.k());
        m.put("precision_" + n, pr.precision());
        m.put("recall_" + n, pr.recall());
        m.put("density_" + n, pr.density());
        m.put("coverage_" + n, pr.coverage());
        details.put("k", pr.k());
        sec.put("precision_recall", secondsSince(t));

        if (f.hasClasses()) {
            ModeCoverage mc = ModeCoverage.of(f.predicted(), referenceFeatures.predicted(), f.numClasses(), requested);
            m.put("classes_covered_" + n, (double) mc.classesCovered());
            m.put("class_kl_" + n, mc.klToData());
            if (requested != null) {
                m.put("conditional_accuracy_" + n, mc.conditionalAccuracy());
            }
            Map<String, Long> hist = new LinkedHashMap<>();
            for (int k = 0; k < mc.numClasses(); k++) {
                hist.put(k < net.classNames().size() ? net.classNames().get(k) : String.valueOf(k), mc.histogram()[k]);
            }
            details.put("classHistogram", hist);
            details.put("numClasses", mc.numClasses());
        } else {
            details.put("modeCoverage", "not available: the feature network '" + n + "' has no classifier");
        }

        t = System.nanoTime();
        Memorization mem = Memorization.of(f, samples, trainFeatures, train, testNearest);
        m.put("nn_ratio_" + n, mem.ratio());
        m.put("copies_" + n, mem.copyFraction());
        m.put("exact_copies", (double) mem.exactCopies());
        details.put("memorization", Map.of("sampleMedian", mem.sampleMedian(), "testMedian", mem.testMedian(),
                "threshold", mem.threshold(), "trainImages", train.size(), "testImages", testNearest.length));
        sec.put("memorization", secondsSince(t));

        t = System.nanoTime();
        double sharp = Sharpness.of(samples);
        m.put("sharpness", sharp);
        m.put("sharpness_real", referenceSharpness);
        m.put("sharpness_ratio", sharp / referenceSharpness);
        sec.put("sharpness", secondsSince(t));

        return new EvalReport(description, samples.size(), referenceDescription, reference.size(), networkInfo(),
                m, details, sec);
    }

    /** Name, source and recorded accuracy of the feature network, for reports. */
    public Map<String, Object> networkInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", net.name());
        info.put("source", net.source());
        info.put("embedding", "penultimate layer, " + net.config().embedDim() + "-d");
        if (net.info().has("testAccuracy")) {
            info.put("testAccuracy", net.info().path("testAccuracy").asDouble());
            info.put("testImages", net.info().path("testImages").asInt());
        }
        if (net.info().has("fallback")) {
            info.put("fallback", net.info().path("fallback").asText());
        }
        return info;
    }

    /** The first n of a seeded permutation of 0..size-1, sorted; all indices if size <= n. */
    static int[] referenceIndices(int size, int n, long seed) {
        if (size <= n) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] idx = Kid.choose(size, n, new SplittableRandom(seed ^ 0x243F6A8885A308D3L));
        Arrays.sort(idx);
        return idx;
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
