package io.github.gen4j.eval;

import io.github.gen4j.data.ImageDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sanity table: the metrics of sets whose answer is known, against the training reference.
 *
 * <ul>
 *   <li>real test images: the floor every model is measured against (FID is not 0 for two finite samples);
 *   <li>the same images blurred (Gaussian, sigma 1 px): lower sharpness, higher FID, lower precision;
 *   <li>the same images with Gaussian noise (sigma 0.1 of the pixel range): higher sharpness, higher FID;
 *   <li>real test images of one class only: a mode-collapsed "model", 1 class covered, low recall.
 * </ul>
 */
public final class SanityCheck {

    private SanityCheck() {}

    /** The sets' names and their reports, in table order. */
    public record Result(List<String> names, List<EvalReport> reports) {

        public String table() {
            return EvalReport.compare(names, reports);
        }

        /** name to report, for JSON. */
        public Map<String, EvalReport> byName() {
            Map<String, EvalReport> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), reports.get(i));
            }
            return m;
        }
    }

    /**
     * @param test real held-out images (labelled, for the one-class set)
     * @param n images per set (a seeded subset of the test images; the one-class set has at most the class's)
     * @param collapsedClass the class of the one-class set
     */
    public static Result run(Evaluator ev, ImageDataset test, int n, int collapsedClass, long seed) {
        int[] idx = test.size() <= n ? allIndices(test.size()) : sorted(Kid.choose(test.size(), n,
                new SplittableRandom(seed)));
        ImageDataset real = test.subset(idx);
        List<String> names = new ArrayList<>();
        List<EvalReport> reports = new ArrayList<>();
        names.add("test (floor)");
        reports.add(ev.evaluate(real, null, "real test images: " + test.name()));
        names.add("blur 1px");
        reports.add(ev.evaluate(Perturbations.blur(real, 1.0), null, "test images, Gaussian blur sigma 1 px"));
        names.add("noise 0.1");
        reports.add(ev.evaluate(Perturbations.noise(real, 0.1, seed), null, "test images + N(0, 0.1^2) noise"));
        if (test.hasLabels()) {
            ImageDataset one = Perturbations.onlyClass(test, collapsedClass);
            one = one.head(n);
            names.add("one class " + collapsedClass);
            reports.add(ev.evaluate(one, null, "test images of class " + collapsedClass + " ("
                    + test.classNames().get(collapsedClass) + ") only"));
        }
        return new Result(names, reports);
    }

    private static int[] allIndices(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }
}
