package io.github.gen4j.data;

import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads every PNG, JPEG, GIF and BMP file under a directory (recursively, in path order) into an
 * {@link ImageDataset}.
 *
 * <p>Labels: if every image lies inside an immediate subdirectory ({@code dir/cat/1.png}, {@code
 * dir/dog/a/2.png}), the class names are the sorted names of those subdirectories and each image
 * is labelled by the one it is in; if any image lies directly in {@code dir}, the dataset is
 * unlabelled. Transparent pixels are composited over white. Resizing and channel conversion are
 * those of {@link ImageOps}, shared with {@link PngImages}.
 */
public final class ImageFolderDataset {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImageFolderDataset() {}

    /**
     * @throws DataException if {@code dir} is not a directory, holds no readable image, a bad file
     *     is met with {@link ImageFolderOptions.OnBadFile#FAIL}, or (with size 0) images differ in
     *     size
     */
    public static ImageDataset load(Path dir, ImageFolderOptions opts) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a directory (expected a folder of images)");
        }
        List<Path> files = imageFiles(dir);
        List<String> classes = classNames(dir, files);

        List<byte[]> planes = new ArrayList<>(); // per image: 1 plane if gray-or-forced, else 3
        List<Integer> labels = new ArrayList<>();
        Path first = null;
        int h = 0;
        int w = 0;
        boolean anyColor = false;
        int skipped = 0;
        for (Path f : files) {
            BufferedImage rgb;
            try {
                rgb = ImageOps.centerCropResize(PngImages.readRgb(f, opts.maxPixels()), opts.size());
            } catch (DataException e) {
                if (opts.onBadFile() == ImageFolderOptions.OnBadFile.FAIL) {
                    throw e;
                }
                opts.warnings().accept("skipping " + e.getMessage());
                skipped++;
                continue;
            }
            if (first == null) {
                first = f;
                h = rgb.getHeight();
                w = rgb.getWidth();
            } else if (rgb.getHeight() != h || rgb.getWidth() != w) {
                throw new DataException(
                        f + ": image is " + rgb.getWidth() + "x" + rgb.getHeight() + " but " + first
                                + " is " + w + "x" + h + "; expected equal sizes (or pass a size to resize)");
            }
            int c = opts.channels() != 0 ? opts.channels() : ImageOps.isGray(rgb) ? 1 : 3;
            anyColor |= c == 3;
            planes.add(ImageOps.toChw(rgb, c));
            if (!classes.isEmpty()) {
                labels.add(classes.indexOf(dir.relativize(f).getName(0).toString()));
            }
        }
        if (planes.isEmpty()) {
            throw new DataException(
                    dir + ": no readable images found (expected PNG, JPEG, GIF or BMP files, searched"
                            + " recursively" + (skipped > 0 ? "; " + skipped + " unreadable files skipped)" : ")"));
        }

        int c = anyColor ? 3 : 1;
        int d = c * h * w;
        byte[] pixels = new byte[planes.size() * d];
        for (int i = 0; i < planes.size(); i++) {
            byte[] p = planes.get(i);
            // A gray image in a color dataset: its one plane is copied to R, G and B.
            for (int off = 0; off < d; off += p.length) {
                System.arraycopy(p, 0, pixels, i * d + off, p.length);
            }
        }
        if (classes.isEmpty()) {
            return new ImageDataset("image folder " + dir, pixels, planes.size(), c, h, w, null, classes);
        }
        return withClassesRead(dir, pixels, planes.size(), c, h, w, labels, classes, opts);
    }

    /**
     * The dataset with the classes that images were actually read for: a class folder whose files were all
     * skipped (or unreadable) is dropped with a warning naming it, and the labels are renumbered, so that
     * no model is built for a class it never sees.
     */
    private static ImageDataset withClassesRead(Path dir, byte[] pixels, int n, int c, int h, int w,
            List<Integer> labels, List<String> classes, ImageFolderOptions opts) {
        int[] count = new int[classes.size()];
        labels.forEach(l -> count[l]++);
        int[] renumber = new int[classes.size()];
        List<String> kept = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            renumber[k] = kept.size();
            if (count[k] > 0) {
                kept.add(classes.get(k));
            } else {
                opts.warnings().accept(dir.resolve(classes.get(k)) + ": class folder without a readable image;"
                        + " class '" + classes.get(k) + "' dropped");
            }
        }
        int[] lab = labels.stream().mapToInt(l -> renumber[l]).toArray();
        return new ImageDataset("image folder " + dir, pixels, n, c, h, w, lab, kept);
    }

    /** Image files under {@code dir} by extension, sorted by their '/'-separated relative path. */
    static List<Path> imageFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.contains(extension(p)))
                    .sorted(Comparator.comparing((Path p) -> slashPath(dir.relativize(p))))
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(dir + ": cannot list image folder: " + e.getMessage(), e);
        }
    }

    /** Sorted names of the immediate subdirectories, or empty if any image is directly in dir. */
    private static List<String> classNames(Path dir, List<Path> files) {
        Set<String> names = new TreeSet<>();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            if (rel.getNameCount() < 2) {
                return List.of();
            }
            names.add(rel.getName(0).toString());
        }
        return new ArrayList<>(names);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String slashPath(Path rel) {
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }
}
