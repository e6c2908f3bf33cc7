package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetsTest {

    @TempDir Path dir;

    @Test
    void loadsImagesAndLabels() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("i.gz"), IdxTestFiles.pattern(3, 2, 4), 3, 2, 4);
        Path lab = IdxTestFiles.write(dir.resolve("l"), IdxTestFiles.labels(2, 0, 1), 3);
        ImageDataset ds = IdxDatasets.load(img, lab, List.of("a", "b", "c"));
        assertEquals("3x1x2x4", ds.shapeString());
        assertEquals(3, ds.numClasses());
        assertEquals(2, ds.label(0));
        assertEquals(1, ds.label(2));
        // pixel (i, y, x) = i * 31 + y * w + x
        assertEquals(2 * 31 + 1 * 4 + 3, ds.pixel(2, 0, 1, 3));
    }

    @Test
    void unknownClassNamesAreNumbered() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("i"), new byte[4 * 4], 4, 2, 2);
        Path lab = IdxTestFiles.write(dir.resolve("l"), IdxTestFiles.labels(0, 4, 1, 1), 4);
        ImageDataset ds = IdxDatasets.load(img, lab, null);
        assertEquals(List.of("0", "1", "2", "3", "4"), ds.classNames());
    }

    @Test
    void unlabelled() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("i"), new byte[8], 2, 2, 2);
        ImageDataset ds = IdxDatasets.load(img, null, List.of("x"));
        assertFalse(ds.hasLabels());
        assertEquals(0, ds.numClasses());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("imgs.gz"), new byte[3 * 4], 3, 2, 2);
        Path lab = IdxTestFiles.write(dir.resolve("labs.gz"), new byte[2], 2);
        DataException e =
                assertThrows(DataException.class, () -> IdxDatasets.load(img, lab, null));
        assertEquals(
                lab + " has 2 labels but " + img + " has 3 images; expected one label per image",
                e.getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("i"), new byte[3 * 4], 3, 2, 2);
        Path lab = IdxTestFiles.write(dir.resolve("l"), IdxTestFiles.labels(0, 1, 10), 3);
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> IdxDatasets.load(img, lab, FashionMnist.CLASS_NAMES));
        assertEquals(
                lab + ": label 10 of item 2 is out of range, expected 0..9 (10 classes)",
                e.getMessage());
    }

    @Test
    void wrongRank() throws IOException {
        Path img = IdxTestFiles.write(dir.resolve("flat"), new byte[6], 6);
        DataException e =
                assertThrows(DataException.class, () -> IdxDatasets.load(img, null, null));
        assertEquals(
                img + ": expected a 3-D IDX images file (N, H, W), found 1 dimensions (6)",
                e.getMessage());
    }
}
