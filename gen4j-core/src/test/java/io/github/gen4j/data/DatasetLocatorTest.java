package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.data.LocatedData.Source;
import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    @TempDir Path tmp;
    Path option;
    Path envDir;
    Path system;

    @BeforeEach
    void dirs() throws IOException {
        option = Files.createDirectories(tmp.resolve("option"));
        envDir = Files.createDirectories(tmp.resolve("env"));
        system = Files.createDirectories(tmp.resolve("system"));
        for (Path d : new Path[] {option, envDir, system}) {
            IdxTestFiles.write(d.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), new byte[4], 1, 2, 2);
        }
    }

    @Test
    void optionBeatsEnvBeatsSystemBeatsEmbedded() throws IOException {
        Map<String, String> env = Map.of(DatasetLocator.ENV_VAR, envDir.toString());
        LocatedData a = DatasetLocator.locate(option.toString(), env, system);
        assertEquals(Source.OPTION, a.source());
        assertEquals(option, a.dir());
        assertEquals("data: Fashion-MNIST-format IDX files from " + option + " (--data)", a.note());

        LocatedData b = DatasetLocator.locate(null, env, system);
        assertEquals(Source.ENV, b.source());
        assertEquals(envDir, b.dir());

        LocatedData c = DatasetLocator.locate("  ", Map.of(DatasetLocator.ENV_VAR, ""), system);
        assertEquals(Source.SYSTEM, c.source());
        assertEquals("data: Fashion-MNIST from " + system + " (system dataset directory)", c.note());

        // A system directory without the training images does not count.
        Files.delete(system.resolve(FashionMnist.TRAIN_IMAGES + ".gz"));
        LocatedData d = DatasetLocator.locate(null, Map.of(), system);
        assertEquals(Source.EMBEDDED, d.source());
        assertNull(d.dir());
        assertTrue(d.note().startsWith("data: embedded Fashion-MNIST test split (10,000 images)"));
        assertTrue(d.note().contains("--data DIR or set GEN4J_DATA"));
        assertEquals(-1, d.note().indexOf('\n'));
    }

    @Test
    void optionMayBeAnImageFolder() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("pics"));
        LocatedData a = DatasetLocator.locate(images.toString(), Map.of(), system);
        assertEquals(Source.OPTION, a.source());
        assertEquals("data: images from folder " + images + " (--data)", a.note());
    }

    @Test
    void missingExplicitPathsAreErrorsNotFallbacks() {
        String missing = tmp.resolve("typo").toString();
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> DatasetLocator.locate(missing, Map.of(), system));
        assertTrue(e.getMessage().startsWith("--data " + missing + ": no such file or directory"), e.getMessage());
        DataException f =
                assertThrows(
                        DataException.class,
                        () -> DatasetLocator.locate(null, Map.of(DatasetLocator.ENV_VAR, missing), system));
        assertTrue(f.getMessage().startsWith("GEN4J_DATA=" + missing + ": no such file"), f.getMessage());
    }

    @Test
    void defaultSystemDirNoteNamesTheDebianPackage() {
        LocatedData s = DatasetLocator.locate(null, Map.of());
        if (s.source() == Source.SYSTEM) {
            assertEquals(
                    "data: Fashion-MNIST from /usr/share/datasets/fashion-mnist"
                            + " (Debian package dataset-fashion-mnist)",
                    s.note());
        } else {
            assertEquals(Source.EMBEDDED, s.source());
        }
    }
}
