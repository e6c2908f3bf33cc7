package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link ImageDataset}s from IDX image and label files (the MNIST / Fashion-MNIST layout):
 * an images file of shape (N, H, W), giving single-channel images, and an optional labels file of
 * shape (N).
 */
public final class IdxDatasets {

    private IdxDatasets() {}

    /**
     * Loads an IDX images file and, optionally, its labels.
     *
     * @param images a 3-D unsigned-byte IDX file (N, H, W), raw or gzipped
     * @param labelsOrNull a 1-D unsigned-byte IDX file (N), or {@code null} for unlabelled data
     * @param classNames the class names, or {@code null}/empty if unknown: then there are {@code
     *     max label + 1} classes named "0", "1", ...
     * @throws DataException naming the file(s) when a file is unreadable, has the wrong number of
     *     dimensions, the counts differ, or a label is not a valid class index
     */
    public static ImageDataset load(Path images, Path labelsOrNull, List<String> classNames) {
        IdxArray img = IdxReader.read(images);
        IdxArray lab = labelsOrNull == null ? null : IdxReader.read(labelsOrNull);
        return build(
                images.toString(),
                img,
                images.toString(),
                lab,
                labelsOrNull == null ? null : labelsOrNull.toString(),
                classNames);
    }

    /**
     * Builds a dataset from already-read IDX arrays (e.g. classpath resources).
     *
     * @param name the dataset's name
     * @param images (N, H, W) images; {@code imagesSource} names them in error messages
     * @param labels (N) labels or {@code null}; {@code labelsSource} names them in error messages
     * @param classNames class names, or {@code null}/empty if unknown (see {@link #load})
     */
    public static ImageDataset build(
            String name,
            IdxArray images,
            String imagesSource,
            IdxArray labels,
            String labelsSource,
            List<String> classNames) {
        if (images.dims().length != 3) {
            throw new DataException(
                    imagesSource + ": expected a 3-D IDX images file (N, H, W), found "
                            + images.dims().length + " dimensions (" + images.shapeString() + ")");
        }
        int n = images.count();
        int h = images.dims()[1];
        int w = images.dims()[2];
        if (labels == null) {
            return new ImageDataset(name, images.data(), n, 1, h, w, null, List.of());
        }
        if (labels.dims().length != 1) {
            throw new DataException(
                    labelsSource + ": expected a 1-D IDX labels file (N), found "
                            + labels.dims().length + " dimensions (" + labels.shapeString() + ")");
        }
        if (labels.count() != n) {
            throw new DataException(
                    labelsSource + " has " + labels.count() + " labels but " + imagesSource
                            + " has " + n + " images; expected one label per image");
        }
        byte[] raw = labels.data();
        int[] lab = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            lab[i] = raw[i] & 0xFF;
            max = Math.max(max, lab[i]);
        }
        List<String> names = classNames == null || classNames.isEmpty() ? numbered(max + 1) : classNames;
        for (int i = 0; i < n; i++) {
            if (lab[i] >= names.size()) {
                throw new DataException(
                        labelsSource + ": label " + lab[i] + " of item " + i + " is out of range,"
                                + " expected 0.." + (names.size() - 1) + " (" + names.size() + " classes)");
            }
        }
        return new ImageDataset(name, images.data(), n, 1, h, w, lab, names);
    }

    private static List<String> numbered(int k) {
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
