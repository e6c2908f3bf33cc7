package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import io.github.gen4j.testing.Fuzz;
import java.nio.file.Path;
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
 * Fuzzes the IDX reader (raw and gzip) and the datasets built on it: whatever the bytes, reading ends in an
 * {@link IdxArray} whose data fills its dimensions, or in a {@link DataException} naming the file; never in
 * another exception, a hang or an allocation the file's size does not justify.
 */
class IdxReaderFuzzTest {

    private static Path dir;

    @BeforeContainer
    static void createDir() {
        dir = Fuzz.tempDir("gen4j-idx-fuzz");
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    /** A valid IDX file: its dimensions and bytes. */
    record Valid(int[] dims, byte[] file) {}

    @Provide
    Arbitrary<Valid> validIdx() {
        return Arbitraries.integers().between(1, 6).array(int[].class).ofMinSize(1).ofMaxSize(4)
                .flatMap(dims -> {
                    int n = 1;
                    for (int d : dims) {
                        n *= d;
                    }
                    return Arbitraries.bytes().array(byte[].class).ofSize(n)
                            .map(data -> new Valid(dims, IdxTestFiles.idx(IdxReader.TYPE_UBYTE, data, dims)));
                });
    }

    /** Checks a value the reader returned: positive dimensions that the data fills exactly. */
    private static void checkValue(IdxArray a) {
        if (a == null) {
            return;
        }
        long n = 1;
        for (int d : a.dims()) {
            assertTrue(d > 0, a.shapeString());
            n *= d;
        }
        assertTrue(a.dims().length >= 1 && a.dims().length <= 4, a.shapeString());
        assertEquals(n, a.data().length, a.shapeString());
    }

    private static IdxArray read(String name, byte[] contents) {
        Path f = Fuzz.write(dir.resolve(name), contents);
        IdxArray a = Fuzz.outcome(f, DataException.class, () -> IdxReader.read(f));
        checkValue(a);
        return a;
    }

    @Property(tries = 200)
    void randomBytes(@ForAll("bytes") byte[] contents, @ForAll boolean gzName) {
        read(gzName ? "random-idx.gz" : "random-idx", contents);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Fuzz.bytes(64),
                Fuzz.bytes(64).map(b -> { // the gzip magic, then anything
                    byte[] out = new byte[b.length + 2];
                    out[0] = 0x1f;
                    out[1] = (byte) 0x8b;
                    System.arraycopy(b, 0, out, 2, b.length);
                    return out;
                }));
    }

    /** A valid file, edited: raw, gzip of the edited bytes, or the gzip stream itself edited. */
    @Property(tries = 400)
    void mutatedFiles(@ForAll("validIdx") Valid valid, @ForAll("edits") List<Fuzz.Mutation> edits,
            @ForAll("layouts") String layout) {
        byte[] contents = switch (layout) {
            case "raw" -> Fuzz.apply(edits, valid.file());
            case "gzip-of-mutated" -> Fuzz.gzip(Fuzz.apply(edits, valid.file()));
            default -> Fuzz.apply(edits, Fuzz.gzip(valid.file())); // "mutated-gzip"
        };
        read(layout.equals("raw") ? "mutated-idx" : "mutated-idx.gz", contents);
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> edits() {
        return Fuzz.mutations(24); // magic and up to four dimensions
    }

    @Provide
    Arbitrary<String> layouts() {
        return Arbitraries.of("raw", "gzip-of-mutated", "mutated-gzip");
    }

    /**
     * A header announcing any dimensions over a few bytes of data (up to 2^31 - 1 items of 2^31 - 1 bytes): the
     * reader refuses it after reading what is there, without allocating what the header claims.
     */
    @Property(tries = 200)
    void lyingHeaderIsRefusedWithoutAllocatingItsClaim(@ForAll("lyingDims") int[] dims,
            @ForAll("smallData") byte[] data, @ForAll boolean gzip) {
        long claimed = 1;
        for (int d : dims) {
            claimed *= d;
        }
        byte[] raw = IdxTestFiles.idx(IdxReader.TYPE_UBYTE, data, dims);
        IdxArray a = read(gzip ? "lying-idx.gz" : "lying-idx", gzip ? Fuzz.gzip(raw) : raw);
        if (a != null) {
            assertEquals(claimed, data.length, "a value only when the data is what the header says");
            assertArrayEquals(dims, a.dims());
            assertArrayEquals(data, a.data());
        }
    }

    @Provide
    Arbitrary<int[]> lyingDims() {
        return Fuzz.extremeInts().array(int[].class).ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> smallData() {
        return Fuzz.bytes(256);
    }

    /** Images and labels files, each valid or edited, as a dataset: consistent shape and labels, or refused. */
    @Property(tries = 100)
    void mutatedDatasets(@ForAll("datasetFiles") byte[][] files, @ForAll boolean withClassNames) {
        Path images = Fuzz.write(dir.resolve("ds-images-idx3-ubyte"), files[0]);
        Path labels = Fuzz.write(dir.resolve("ds-labels-idx1-ubyte"), files[1]);
        List<String> names = withClassNames ? FashionMnist.CLASS_NAMES : null;
        ImageDataset ds = Fuzz.outcome(dir, DataException.class, () -> IdxDatasets.load(images, labels, names));
        if (ds != null) {
            assertEquals(1, ds.channels());
            assertTrue(ds.size() > 0 && ds.height() > 0 && ds.width() > 0, ds.shapeString());
            assertTrue(ds.hasLabels());
            for (int i = 0; i < ds.size(); i++) {
                int label = ds.label(i);
                assertTrue(label >= 0 && label < ds.classNames().size(), "label " + label);
            }
        }
    }

    @Provide
    Arbitrary<byte[][]> datasetFiles() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 5);
        return Combinators.combine(sizes, sizes, sizes, Fuzz.mutations(20).injectNull(0.3),
                        Fuzz.mutations(12).injectNull(0.5), Arbitraries.integers().between(0, 255))
                .as((n, h, w, imageEdits, labelEdits, maxLabel) -> {
                    byte[] images = IdxTestFiles.idx(IdxReader.TYPE_UBYTE, IdxTestFiles.pattern(n, h, w), n, h, w);
                    byte[] labels = new byte[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = (byte) (i * 7 % (maxLabel + 1));
                    }
                    byte[] labelFile = IdxTestFiles.idx(IdxReader.TYPE_UBYTE, labels, n);
                    return new byte[][] {
                        imageEdits == null ? images : Fuzz.apply(imageEdits, images),
                        labelEdits == null ? labelFile : Fuzz.apply(labelEdits, labelFile)
                    };
                });
    }

    /** A Fashion-MNIST folder whose gzipped test files are edited: the split loads consistently or is refused. */
    @Property(tries = 30)
    void mutatedFashionMnistFolder(@ForAll("edits") List<Fuzz.Mutation> edits, @ForAll boolean editLabels) {
        Path folder = dir.resolve("fashion");
        byte[] images = IdxTestFiles.idx(IdxReader.TYPE_UBYTE, IdxTestFiles.pattern(4, 28, 28), 4, 28, 28);
        byte[] labels = IdxTestFiles.idx(IdxReader.TYPE_UBYTE, IdxTestFiles.labels(0, 9, 3, 1), 4);
        Fuzz.write(folder.resolve(FashionMnist.TEST_IMAGES + ".gz"),
                Fuzz.gzip(editLabels ? images : Fuzz.apply(edits, images)));
        Fuzz.write(folder.resolve(FashionMnist.TEST_LABELS + ".gz"),
                Fuzz.gzip(editLabels ? Fuzz.apply(edits, labels) : labels));
        LocatedData located = new LocatedData(LocatedData.Source.OPTION, folder, "fuzz");
        ImageDataset ds = Fuzz.outcome(folder, DataException.class, () -> FashionMnist.test(located));
        if (ds != null) {
            assertEquals(FashionMnist.CLASS_NAMES, ds.classNames());
            for (int i = 0; i < ds.size(); i++) {
                assertTrue(ds.label(i) >= 0 && ds.label(i) < 10);
            }
        }
    }
}
