package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import io.github.gen4j.testing.Fuzz;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link Npy#read}: an array whose elements fill its shape exactly, or a {@link DataException} naming
 * the file; never another exception, and never an allocation the file's size does not justify.
 */
class NpyFuzzTest {

    private static Path dir;

    @BeforeContainer
    static void createDir() {
        dir = Fuzz.tempDir("gen4j-npy-fuzz");
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    private static NpyArray read(String name, byte[] contents) {
        Path f = Fuzz.write(dir.resolve(name), contents);
        NpyArray a = Fuzz.outcome(f, DataException.class, () -> Npy.read(f));
        if (a != null) {
            BigInteger n = BigInteger.ONE; // exact: a product that overflows a long must not pass for a small one
            for (int d : a.shape()) {
                assertTrue(d >= 0, a.shapeString());
                n = n.multiply(BigInteger.valueOf(d));
            }
            boolean bytes = a.descr().equals("|u1");
            assertEquals(n, BigInteger.valueOf(bytes ? a.uint8().length : a.float32().length), a.toString());
            assertEquals(bytes, a.float32() == null, a.toString());
        }
        return a;
    }

    @Property(tries = 200)
    void randomBytes(@ForAll("bytes") byte[] contents) {
        read("random.npy", contents);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        return Arbitraries.oneOf(Fuzz.bytes(128), Fuzz.bytes(128).map(b -> {
            byte[] out = new byte[magic.length + b.length];
            System.arraycopy(magic, 0, out, 0, magic.length);
            System.arraycopy(b, 0, out, magic.length, b.length);
            return out;
        }));
    }

    /** A valid file as written by {@link Npy}: uint8 or float32, 0 to 4 dimensions of 0 to 5. */
    @Provide
    Arbitrary<byte[]> validNpy() {
        return Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 5).array(int[].class).ofMaxSize(4))
                .flatAs((uint8, shape) -> {
                    int n = 1;
                    for (int d : shape) {
                        n *= d;
                    }
                    int itemSize = uint8 ? 1 : 4;
                    return Arbitraries.bytes().array(byte[].class).ofSize(n * itemSize).map(data -> {
                        byte[] header = Npy.header(uint8 ? "|u1" : "<f4", shape);
                        byte[] out = new byte[header.length + data.length];
                        System.arraycopy(header, 0, out, 0, header.length);
                        System.arraycopy(data, 0, out, header.length, data.length);
                        return out;
                    });
                });
    }

    @Property(tries = 250)
    void mutatedFiles(@ForAll("validNpy") byte[] valid, @ForAll("edits") List<Fuzz.Mutation> edits) {
        read("mutated.npy", Fuzz.apply(edits, valid));
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> edits() {
        return Fuzz.mutations(128); // magic, version, header length and the header dict
    }

    /**
     * A header dict with each entry kept, removed, or set to another value (shape entries to extreme or
     * malformed numbers), any version and header length field, over 0 to 64 bytes of data.
     */
    @Property(tries = 250)
    void editedHeaders(@ForAll("descrs") String descr, @ForAll("fortran") String fortran,
            @ForAll("shapes") String shape, @ForAll("versions") int version, @ForAll boolean lieAboutLength,
            @ForAll("extremeInts") int headerLength, @ForAll("data") byte[] data) {
        String dict = "{" + descr + fortran + shape + "}";
        byte[] text = dict.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(6 + 2 + 4 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}).put((byte) version).put((byte) 0);
        int length = lieAboutLength ? headerLength : text.length;
        if (version == 1) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(text).put(data);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        read("edited.npy", out);
    }

    /**
     * A valid header whose shape has large dimensions (powers of two up to 2^30, 2^31 - 1) over 0 to 64 bytes:
     * refused unless the data is exactly what the shape says, without allocating what it claims.
     */
    @Property(tries = 200)
    void lyingShape(@ForAll("lyingDims") int[] shape, @ForAll boolean uint8, @ForAll("dataOrNone") byte[] data) {
        byte[] header = Npy.header(uint8 ? "|u1" : "<f4", shape);
        byte[] file = new byte[header.length + data.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(data, 0, file, header.length, data.length);
        read("lying.npy", file);
    }

    @Provide
    Arbitrary<int[]> lyingDims() {
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, 4)),
                Tuple.of(3, Arbitraries.integers().between(8, 30).map(k -> 1 << k)),
                Tuple.of(1, Arbitraries.just(Integer.MAX_VALUE)));
        return dim.array(int[].class).ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> dataOrNone() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new byte[0])), Tuple.of(2, Fuzz.bytes(64)));
    }

    @Provide
    Arbitrary<String> descrs() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("|u1", "<u1", "u1", "<f4", ">f4", "<f8", "|b1",
                "", "'", "\n").map(d -> "'descr': '" + d + "', "), Arbitraries.strings().ofMaxLength(12)
                .map(d -> "'descr': " + d + ", "));
    }

    @Provide
    Arbitrary<String> fortran() {
        return Arbitraries.of("", "'fortran_order': False, ", "'fortran_order': True, ", "'fortran_order': 0, ");
    }

    @Provide
    Arbitrary<String> shapes() {
        Arbitrary<String> dim = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 6).map(String::valueOf),
                Fuzz.extremeInts().map(String::valueOf),
                Arbitraries.of("1073741824", "4294967296", "-0", "+3", "2L", "1e3", " ", "x", "9999999999999999999"));
        Arbitrary<String> tuple = dim.list().ofMaxSize(5).map(ds -> String.join(", ", ds))
                .flatMap(t -> Arbitraries.of("(" + t + ")", "(" + t + ",)", "[" + t + "]", "(" + t));
        return Arbitraries.oneOf(Arbitraries.just(""), tuple.map(t -> "'shape': " + t + ", "));
    }

    @Provide
    Arbitrary<Integer> versions() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3), Arbitraries.integers().between(0, 255));
    }

    @Provide
    Arbitrary<Integer> extremeInts() {
        return Fuzz.extremeInts();
    }

    @Provide
    Arbitrary<byte[]> data() {
        return Fuzz.bytes(64);
    }
}
