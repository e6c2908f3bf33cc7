package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One entry point for "load the images at this path", whatever their form:
 *
 * <ul>
 *   <li>a directory holding {@code train-images-idx3-ubyte[.gz]} (the MNIST layout): its training
 *       split, with {@code train-labels-idx1-ubyte[.gz]} if present;
 *   <li>a single file: an IDX images file (raw or gzipped), with an optional labels file given
 *       separately;
 *   <li>any other directory: a folder of images ({@link ImageFolderDataset}).
 * </ul>
 *
 * The default Fashion-MNIST data with its train/test split is found by {@link DatasetLocator} and
 * loaded by {@link FashionMnist}; this class is for data the user points at.
 */
public final class DataSources {

    /** The form of the data at a path. */
    public enum Kind {
        /** A directory with IDX files in the MNIST layout. */
        IDX_DIRECTORY,
        /** A single IDX images file. */
        IDX_FILE,
        /** A directory of image files. */
        IMAGE_FOLDER
    }

    private DataSources() {}

    /**
     * Says what kind of data is at {@code path}.
     *
     * @throws DataException if nothing exists there
     */
    public static Kind detect(Path path) {
        if (Files.isDirectory(path)) {
            return FashionMnist.hasTrainFiles(path) ? Kind.IDX_DIRECTORY : Kind.IMAGE_FOLDER;
        }
        if (Files.isRegularFile(path)) {
            return Kind.IDX_FILE;
        }
        throw new DataException(
                path + ": no such file or directory (expected an IDX directory, an IDX file or a"
                        + " folder of images)");
    }

    /** Loads the data at {@code path}; same as {@code load(path, null, null, opts)}. */
    public static ImageDataset load(Path path, ImageFolderOptions opts) {
        return load(path, null, null, opts);
    }

    /**
     * Loads the data at {@code path}.
     *
     * @param labelsOrNull an IDX labels file, allowed only when {@code path} is an IDX images file
     * @param classNamesOrNull class names for IDX labels ({@code null}: "0", "1", ...); image
     *     folders take theirs from subdirectory names
     * @param opts conversion options for image folders (IDX images are loaded as they are)
     * @throws DataException naming the offending file on any bad input
     */
    public static ImageDataset load(
            Path path, Path labelsOrNull, List<String> classNamesOrNull, ImageFolderOptions opts) {
        Kind kind = detect(path);
        if (labelsOrNull != null && kind != Kind.IDX_FILE) {
            throw new DataException(
                    path + ": is a directory; a separate labels file (" + labelsOrNull
                            + ") only goes with a single IDX images file");
        }
        switch (kind) {
            case IDX_DIRECTORY:
                return IdxDatasets.load(
                        FashionMnist.find(path, FashionMnist.TRAIN_IMAGES),
                        FashionMnist.find(path, FashionMnist.TRAIN_LABELS),
                        classNamesOrNull);
            case IDX_FILE:
                return IdxDatasets.load(path, labelsOrNull, classNamesOrNull);
            default:
                return ImageFolderDataset.load(path, opts);
        }
    }
}
