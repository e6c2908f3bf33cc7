package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT license): 28x28 grayscale images of 10 clothing classes,
 * 60,000 for training and 10,000 for testing, stored as IDX files.
 *
 * <p>{@link #train} and {@link #test} load the split from wherever {@link DatasetLocator} found the
 * data. When nothing was found, the 10,000-image test split embedded in the jar stands in: its
 * first {@value #EMBEDDED_TRAIN_SIZE} images act as the training set and the remaining {@code
 * 1,000} as a held-out test set that is never trained on.
 */
public final class FashionMnist {

    /** Class names, indexed by label. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    /** Base file names; each may also exist with a {@code .gz} suffix. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Classpath folder of the embedded test split. */
    public static final String RESOURCE_DIR = "/io/github/gen4j/data/fashion-mnist/";

    /** Images of the embedded split used for training; the rest are held out. */
    public static final int EMBEDDED_TRAIN_SIZE = 9000;

    private FashionMnist() {}

    /** The training split: 60,000 images from a directory, or 9,000 embedded ones. */
    public static ImageDataset train(LocatedData data) {
        if (data.source() == LocatedData.Source.EMBEDDED) {
            return embedded(true);
        }
        return fromDir(data.dir(), TRAIN_IMAGES, TRAIN_LABELS, "train");
    }

    /** The test split: 10,000 images from a directory, or the last 1,000 embedded ones. */
    public static ImageDataset test(LocatedData data) {
        if (data.source() == LocatedData.Source.EMBEDDED) {
            return embedded(false);
        }
        return fromDir(data.dir(), TEST_IMAGES, TEST_LABELS, "test");
    }

    /** True if {@code dir} is a directory holding the training images (raw or gzipped). */
    public static boolean hasTrainFiles(Path dir) {
        return Files.isDirectory(dir) && find(dir, TRAIN_IMAGES) != null;
    }

    /** {@code dir/base} if it is a file, else {@code dir/base.gz} if it is one, else null. */
    static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static ImageDataset fromDir(Path dir, String imagesBase, String labelsBase, String split) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": expected a directory holding Fashion-MNIST IDX files");
        }
        Path images = find(dir, imagesBase);
        if (images == null) {
            throw new DataException(
                    dir + ": no " + imagesBase + " or " + imagesBase + ".gz found (Fashion-MNIST "
                            + split + " images)");
        }
        // Labels are optional: without them the split is unlabelled.
        Path labels = find(dir, labelsBase);
        IdxArray img = IdxReader.read(images);
        IdxArray lab = labels == null ? null : IdxReader.read(labels);
        return IdxDatasets.build(
                "Fashion-MNIST " + split + " (" + dir + ")",
                img,
                images.toString(),
                lab,
                labels == null ? null : labels.toString(),
                CLASS_NAMES);
    }

    private static ImageDataset embedded(boolean train) {
        IdxArray img = resource(TEST_IMAGES + ".gz");
        IdxArray lab = resource(TEST_LABELS + ".gz");
        int n = img.count();
        int from = train ? 0 : EMBEDDED_TRAIN_SIZE;
        int to = train ? EMBEDDED_TRAIN_SIZE : n;
        String name =
                "Fashion-MNIST embedded test split, images " + from + "-" + (to - 1)
                        + (train ? " (training part)" : " (held-out part, never trained on)");
        return IdxDatasets.build(
                name,
                img.slice(from, to),
                RESOURCE_DIR + TEST_IMAGES + ".gz",
                lab.slice(from, to),
                RESOURCE_DIR + TEST_LABELS + ".gz",
                CLASS_NAMES);
    }

    private static IdxArray resource(String file) {
        String path = RESOURCE_DIR + file;
        try (InputStream in = FashionMnist.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new DataException(path + ": resource missing from the gen4j jar");
            }
            return IdxReader.read(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
