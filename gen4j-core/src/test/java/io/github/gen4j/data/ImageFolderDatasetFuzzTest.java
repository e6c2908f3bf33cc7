package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.data.ImageFolderOptions.OnBadFile;
import io.github.gen4j.io.DataException;
import io.github.gen4j.testing.EncodedImages;
import io.github.gen4j.testing.EncodedImages.Encoded;
import io.github.gen4j.testing.Fuzz;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link ImageFolderDataset#load} on folders of a few image files of any format, some edited, flat or
 * in class folders, under any options: a dataset whose shape and labels agree with the options, or a {@link
 * DataException}; never another exception.
 */
class ImageFolderDatasetFuzzTest {

    private static Path dir;

    @BeforeContainer
    static void createDir() {
        dir = Fuzz.tempDir("gen4j-folder-fuzz");
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    /** One file of the folder: its class folder ("" for none), an image, and the edits made to it (or null). */
    record Entry(String classFolder, Encoded image, List<Fuzz.Mutation> edits) {}

    @Provide
    Arbitrary<List<Entry>> folders() {
        Arbitrary<Entry> entry = Combinators.combine(Arbitraries.of("", "cat", "dog", "a b"), EncodedImages.images(),
                        Fuzz.mutations(48).injectNull(0.6))
                .as(Entry::new);
        return entry.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<ImageFolderOptions> options() {
        // Small pixel limits: PngImagesFuzzTest covers the default one.
        return Combinators.combine(Arbitraries.of(0, 1, 3), Arbitraries.oneOf(Arbitraries.just(0),
                                Arbitraries.integers().between(1, 9)), Arbitraries.of(OnBadFile.class),
                        Arbitraries.of(1L << 12, 1L << 16))
                .as((c, size, onBad, maxPixels) -> new ImageFolderOptions(c, size, onBad, w -> {}, maxPixels));
    }

    @Property(tries = 80)
    void foldersOfEditedImages(@ForAll("folders") List<Entry> entries, @ForAll("options") ImageFolderOptions opts) {
        Path folder = dir.resolve("images");
        Fuzz.deleteTree(folder);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] bytes = e.edits() == null ? e.image().bytes() : Fuzz.apply(e.edits(), e.image().bytes());
            Fuzz.write(folder.resolve(e.classFolder()).resolve(i + "." + e.image().format()), bytes);
        }
        List<String> warnings = new ArrayList<>();
        ImageDataset ds = Fuzz.outcome(folder, DataException.class,
                () -> ImageFolderDataset.load(folder, opts.withWarnings(warnings::add)));
        if (ds == null) {
            return;
        }
        assertTrue(ds.size() >= 1 && ds.size() <= entries.size(), ds.shapeString());
        assertTrue(ds.channels() == 1 || ds.channels() == 3, ds.shapeString());
        if (opts.channels() != 0) {
            assertEquals(opts.channels(), ds.channels());
        }
        if (opts.size() != 0) {
            assertEquals(opts.size(), ds.height());
            assertEquals(opts.size(), ds.width());
        }
        assertEquals(entries.size() - ds.size(), warnings.stream().filter(w -> w.startsWith("skipping ")).count(),
                "one warning per skipped file: " + warnings);
        boolean labelled = entries.stream().noneMatch(e -> e.classFolder().isEmpty());
        assertEquals(labelled, ds.hasLabels());
        for (int i = 0; labelled && i < ds.size(); i++) {
            assertTrue(ds.label(i) >= 0 && ds.label(i) < ds.numClasses());
        }
    }
}
