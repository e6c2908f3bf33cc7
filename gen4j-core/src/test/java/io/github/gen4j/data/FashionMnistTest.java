package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir Path dir;

    private static final LocatedData EMBEDDED =
            DatasetLocator.locate(null, Map.of(), Path.of("/nonexistent-gen4j-test"));

    @Test
    void embeddedSplitIs9000Plus1000() {
        assertEquals(LocatedData.Source.EMBEDDED, EMBEDDED.source());
        ImageDataset train = FashionMnist.train(EMBEDDED);
        ImageDataset test = FashionMnist.test(EMBEDDED);
        assertEquals("9000x1x28x28", train.shapeString());
        assertEquals("1000x1x28x28", test.shapeString());
        assertEquals(FashionMnist.CLASS_NAMES, train.classNames());
        // First two labels of the Fashion-MNIST test split: Ankle boot, Pullover.
        assertEquals(9, train.label(0));
        assertEquals(2, train.label(1));
        assertTrue(test.name().contains("held-out"), test.name());
    }

    @Test
    void embeddedResourceHoldsTheWholeTestSplit() throws IOException {
        try (var in = FashionMnist.class.getResourceAsStream(
                FashionMnist.RESOURCE_DIR + FashionMnist.TEST_IMAGES + ".gz")) {
            IdxArray a = IdxReader.read(in, "t10k-images-idx3-ubyte.gz");
            assertEquals("10000x28x28", a.shapeString());
        }
    }

    @Test
    void realFashionMnistIfInstalled() {
        Assumptions.assumeTrue(
                FashionMnist.hasTrainFiles(FashionMnist.SYSTEM_DIR), "Fashion-MNIST not installed");
        LocatedData data = DatasetLocator.locate(null, Map.of());
        assertEquals(LocatedData.Source.SYSTEM, data.source());
        long t0 = System.nanoTime();
        ImageDataset train = FashionMnist.train(data);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        ImageDataset test = FashionMnist.test(data);
        assertEquals("60000x1x28x28", train.shapeString());
        assertEquals("10000x1x28x28", test.shapeString());
        assertEquals(10, train.numClasses());
        assertTrue(ms < 5000, "loading 60k images took " + ms + " ms");
        // The embedded split is the same data as the system test split.
        ImageDataset emb = FashionMnist.test(EMBEDDED);
        assertEquals(test.pixel(9000, 0, 14, 14), emb.pixel(0, 0, 14, 14));
        assertEquals(test.label(9999), emb.label(999));
    }

    @Test
    void directoryWithRawFilesAndMissingTestSplit() throws IOException {
        IdxTestFiles.write(dir.resolve(FashionMnist.TRAIN_IMAGES), new byte[2 * 9], 2, 3, 3);
        IdxTestFiles.write(dir.resolve(FashionMnist.TRAIN_LABELS + ".gz"), IdxTestFiles.labels(8, 9), 2);
        LocatedData data = DatasetLocator.locate(dir.toString(), Map.of());
        ImageDataset train = FashionMnist.train(data);
        assertEquals("2x1x3x3", train.shapeString());
        assertEquals("Ankle boot", train.classNames().get(train.label(1)));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.test(data));
        assertEquals(
                dir + ": no t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz found"
                        + " (Fashion-MNIST test images)",
                e.getMessage());
    }

    @Test
    void labelsAreOptional() throws IOException {
        Files.createDirectories(dir);
        IdxTestFiles.write(dir.resolve(FashionMnist.TEST_IMAGES + ".gz"), new byte[9], 1, 3, 3);
        ImageDataset test = FashionMnist.test(new LocatedData(LocatedData.Source.OPTION, dir, "n"));
        assertEquals(false, test.hasLabels());
    }
}
