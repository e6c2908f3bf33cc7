package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The images a run trains on and the held-out images it is evaluated on (never trained on), with the
 * one-line note saying where they came from and the spec that finds them again.
 *
 * @param train training images
 * @param heldOut held-out images
 * @param note one line for the user and the run's config
 * @param spec the value of {@code --data} that reproduces this choice ("embedded" for the embedded split)
 */
public record TrainingData(ImageDataset train, ImageDataset heldOut, String note, String spec) {

    /** The {@code --data} value that selects the embedded split explicitly. */
    public static final String EMBEDDED = "embedded";

    /** Held-out share of a source that has no test split of its own, at most {@link #MAX_HELD_OUT}. */
    static final double HELD_OUT_FRACTION = 0.1;

    static final int MAX_HELD_OUT = 1000;

    /**
     * Resolves {@code --data} (or, if null, {@code GEN4J_DATA}, the Debian package, the embedded split).
     * A Fashion-MNIST-style IDX folder gives its train and t10k splits; a single IDX file or an image
     * folder gives a seeded held-out split of 10% (at most 1,000 images).
     *
     * @param limit train on the first {@code limit} images only (0 = all)
     */
    public static TrainingData resolve(String dataOption, Map<String, String> env, ImageFolderOptions folder,
            int limit, long seed) {
        TrainingData d;
        if (EMBEDDED.equals(dataOption)) {
            d = fashionMnist(DatasetLocator.locate(null, Map.of(), null), EMBEDDED);
        } else {
            LocatedData loc = DatasetLocator.locate(dataOption, env);
            if (loc.source() == LocatedData.Source.EMBEDDED) {
                d = fashionMnist(loc, EMBEDDED);
            } else if (DataSources.detect(loc.dir()) == DataSources.Kind.IDX_DIRECTORY) {
                d = fashionMnist(loc, loc.dir().toAbsolutePath().toString());
            } else {
                ImageDataset all = DataSources.load(loc.dir(), folder);
                d = split(all, seed, loc.note(), loc.dir().toAbsolutePath().toString());
            }
        }
        if (limit > 0 && limit < d.train().size()) {
            d = new TrainingData(d.train().head(limit), d.heldOut(),
                    d.note() + "; training on the first " + limit + " images (--limit)", d.spec());
        }
        return d;
    }

    private static TrainingData fashionMnist(LocatedData loc, String spec) {
        ImageDataset train = FashionMnist.train(loc);
        boolean hasTest = loc.dir() == null || FashionMnist.find(loc.dir(), FashionMnist.TEST_IMAGES) != null;
        if (!hasTest) {
            return split(train, 0, loc.note() + " (no t10k files: held out part of the training files)", spec);
        }
        return new TrainingData(train, FashionMnist.test(loc), loc.note(), spec);
    }

    /** A seeded split of one source into train and held-out parts. */
    static TrainingData split(ImageDataset all, long seed, String note, String spec) {
        int held = (int) Math.min(MAX_HELD_OUT, Math.max(1, Math.round(all.size() * HELD_OUT_FRACTION)));
        if (all.size() < 2) {
            throw new DataException(all.name() + ": need at least 2 images (one to train, one held out), found "
                    + all.size());
        }
        int[] perm = Batcher.permutation(all.size(), new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] trainIdx = java.util.Arrays.copyOfRange(perm, held, perm.length);
        int[] heldIdx = java.util.Arrays.copyOfRange(perm, 0, held);
        java.util.Arrays.sort(trainIdx);
        java.util.Arrays.sort(heldIdx);
        return new TrainingData(all.subset(trainIdx), all.subset(heldIdx),
                note + "; " + held + " images held out for evaluation (seeded split)", spec);
    }
}
