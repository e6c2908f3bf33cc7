package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.data.DataSources.Kind;
import io.github.gen4j.io.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {

    @TempDir Path dir;

    final ImageFolderOptions opts = ImageFolderOptions.defaults().withWarnings(w -> {});

    @Test
    void idxDirectory() throws IOException {
        Path d = Files.createDirectories(dir.resolve("mnist"));
        IdxTestFiles.write(d.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), new byte[2 * 4], 2, 2, 2);
        IdxTestFiles.write(d.resolve(FashionMnist.TRAIN_LABELS), IdxTestFiles.labels(1, 0), 2);
        assertEquals(Kind.IDX_DIRECTORY, DataSources.detect(d));
        ImageDataset ds = DataSources.load(d, opts);
        assertEquals("2x1x2x2", ds.shapeString());
        assertEquals(List.of("0", "1"), ds.classNames());
    }

    @Test
    void singleIdxFileWithSeparateLabels() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("x.idx"), new byte[3 * 4], 3, 2, 2);
        Path lab = IdxTestFiles.write(dir.resolve("y.idx"), IdxTestFiles.labels(0, 1, 1), 3);
        assertEquals(Kind.IDX_FILE, DataSources.detect(img));
        ImageDataset ds = DataSources.load(img, lab, List.of("no", "yes"), opts);
        assertEquals("yes", ds.classNames().get(ds.label(2)));
        assertEquals(false, DataSources.load(img, opts).hasLabels());
    }

    @Test
    void imageFolder() throws IOException {
        ImageFolderDatasetTest.image(
                dir.resolve("pics/a.png"), BufferedImage.TYPE_INT_RGB, 5, 5, 0x123456, "png");
        Path pics = dir.resolve("pics");
        assertEquals(Kind.IMAGE_FOLDER, DataSources.detect(pics));
        assertEquals("1x3x4x4", DataSources.load(pics, opts.withSize(4)).shapeString());
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> DataSources.load(pics, dir.resolve("labels"), null, opts));
        assertTrue(e.getMessage().startsWith(pics + ": is a directory"), e.getMessage());
    }

    @Test
    void missingPath() {
        Path p = dir.resolve("nothing");
        DataException e = assertThrows(DataException.class, () -> DataSources.load(p, opts));
        assertTrue(e.getMessage().startsWith(p + ": no such file or directory"), e.getMessage());
    }

    @Test
    void nonIdxFileIsAClearError() throws IOException {
        Path png = dir.resolve("photo.png");
        ImageFolderDatasetTest.image(png, BufferedImage.TYPE_INT_RGB, 2, 2, 0, "png");
        DataException e = assertThrows(DataException.class, () -> DataSources.load(png, opts));
        assertTrue(e.getMessage().startsWith(png + ": not an IDX file"), e.getMessage());
    }
}
