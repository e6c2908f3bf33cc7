package io.github.gen4j.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What the readers' property-based fuzz tests share: jqwik generators of edits to a valid file (truncation,
 * flipped bytes, a 32-bit field set to an extreme value, inserted or deleted bytes) and the one property every
 * reader must hold, {@link #outcome}: it ends in a value or in the project's own exception with a one-line
 * message naming the file, within a time and allocation bound, and never in anything else.
 */
public final class Fuzz {

    /** Heap a reader may allocate for one fuzzed input of a few kilobytes: far below a lying header's claim. */
    public static final long MAX_ALLOCATED_BYTES = 64L << 20;

    /** Time a reader may take for one fuzzed input: a hang, not a slow machine, exceeds it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Direct (off-heap) buffers: what DJL decodes tensors into. */
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
            .stream().filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();

    private Fuzz() {}

    /** One edit of a file's bytes. Positions are taken modulo the length, so that any edit applies to any file. */
    public sealed interface Mutation permits Truncate, Flip, SetInt, Insert, Delete {
        byte[] apply(byte[] in);
    }

    /** Keeps the first {@code at mod (length + 1)} bytes. */
    public record Truncate(int at) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, at % (in.length + 1));
        }
    }

    /** XORs one byte with {@code bits} (1 to 255). */
    public record Flip(int at, int bits) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            byte[] out = in.clone();
            if (out.length > 0) {
                out[at % out.length] ^= (byte) bits;
            }
            return out;
        }
    }

    /** Overwrites four bytes with {@code value}, big- or little-endian: a size or length field set to anything. */
    public record SetInt(int at, int value, boolean littleEndian) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            byte[] out = in.clone();
            if (out.length >= 4) {
                int p = at % (out.length - 3);
                for (int i = 0; i < 4; i++) {
                    int shift = littleEndian ? 8 * i : 24 - 8 * i;
                    out[p + i] = (byte) (value >>> shift);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "SetInt[at=" + at + ", value=" + value + " (0x" + Integer.toHexString(value) + "), "
                    + (littleEndian ? "little" : "big") + "-endian]";
        }
    }

    /** Inserts {@code bytes} before position {@code at mod (length + 1)}. */
    public record Insert(int at, byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            int p = at % (in.length + 1);
            byte[] out = new byte[in.length + bytes.length];
            System.arraycopy(in, 0, out, 0, p);
            System.arraycopy(bytes, 0, out, p, bytes.length);
            System.arraycopy(in, p, out, p + bytes.length, in.length - p);
            return out;
        }

        @Override
        public String toString() {
            return "Insert[at=" + at + ", bytes=" + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    /** Removes up to {@code count} bytes from position {@code at mod length}. */
    public record Delete(int at, int count) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int p = at % in.length;
            int n = Math.min(count, in.length - p);
            byte[] out = new byte[in.length - n];
            System.arraycopy(in, 0, out, 0, p);
            System.arraycopy(in, p + n, out, p, in.length - p - n);
            return out;
        }
    }

    /**
     * Positions for edits: three in four within the first {@code header} bytes, where the fields a reader trusts
     * are, the rest anywhere.
     */
    public static Arbitrary<Integer> positions(int header) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, Math.max(0, header - 1))),
                Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
    }

    /** 32-bit values a lying field holds: 0, ±1, the extremes, powers of two, and any int. */
    public static Arbitrary<Integer> extremeInts() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, -1, 2, 255, 65535, 1 << 16, 1 << 24, 1 << 30, Integer.MAX_VALUE,
                        Integer.MAX_VALUE - 16, Integer.MIN_VALUE, Integer.MIN_VALUE + 1),
                Arbitraries.integers());
    }

    /** Raw bytes, including the empty file. */
    public static Arbitrary<byte[]> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** One edit, with its positions biased to the first {@code header} bytes. */
    public static Arbitrary<Mutation> mutation(int header) {
        Arbitrary<Integer> at = positions(header);
        return Arbitraries.oneOf(
                at.map(Truncate::new),
                Combinators.combine(at, Arbitraries.integers().between(1, 255)).as(Flip::new),
                Combinators.combine(at, extremeInts(), Arbitraries.of(false, true)).as(SetInt::new),
                Combinators.combine(at, bytes(16).filter(b -> b.length > 0)).as(Insert::new),
                Combinators.combine(at, Arbitraries.integers().between(1, 64)).as(Delete::new));
    }

    /** One to four edits. */
    public static Arbitrary<List<Mutation>> mutations(int header) {
        return mutation(header).list().ofMinSize(1).ofMaxSize(4);
    }

    /** {@code valid} with the edits applied in order (it is not modified). */
    public static byte[] apply(List<Mutation> edits, byte[] valid) {
        byte[] b = valid;
        for (Mutation m : edits) {
            b = m.apply(b);
        }
        return b;
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code contents} to {@code file}, replacing it. */
    public static Path write(Path file, byte[] contents) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, contents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh temporary folder for one test class (jqwik properties do not get JUnit's {@code @TempDir}). */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #deleteTree}, for a temporary folder at the end: a failure to delete it fails no test. */
    public static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            System.err.println("warning: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** Deletes a folder and everything under it. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #outcome(Path, Class, long, Callable)} with the default allocation bound. */
    public static <T> T outcome(Path named, Class<? extends RuntimeException> error, Callable<T> reader) {
        return outcome(named, error, MAX_ALLOCATED_BYTES, reader);
    }

    /**
     * Runs a reader on a fuzzed input and returns its value, or null if it threw {@code error} with a one-line
     * message that names {@code named} (a file, or the folder it is in). Fails on any other throwable (a
     * NullPointerException, an index out of bounds, an OutOfMemoryError...), on a run longer than {@link
     * #TIMEOUT}, and if the reader allocated more than {@code maxAllocated} bytes of heap and direct buffers.
     */
    public static <T> T outcome(Path named, Class<? extends RuntimeException> error, long maxAllocated,
            Callable<T> reader) {
        Object[] result = new Object[2]; // value, throwable
        long[] allocated = new long[1];
        long directBefore = DIRECT.getTotalCapacity();
        assertTimeoutPreemptively(TIMEOUT, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                result[0] = reader.call();
            } catch (Throwable t) { // an Error too: that is what the property is about
                result[1] = t;
            }
            allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
        }, () -> "reader did not finish within " + TIMEOUT + " on " + named);
        allocated[0] += Math.max(0, DIRECT.getTotalCapacity() - directBefore);
        Throwable thrown = (Throwable) result[1];
        if (allocated[0] > maxAllocated) {
            fail("reader allocated " + allocated[0] + " bytes (limit " + maxAllocated + ") on " + named
                    + (thrown == null ? "" : " before throwing " + thrown), thrown);
        }
        if (thrown == null) {
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }
        if (!error.isInstance(thrown)) {
            fail("expected a value or " + error.getSimpleName() + ", got " + thrown, thrown);
        }
        String message = thrown.getMessage();
        if (message == null || message.isBlank() || message.contains("\n")) {
            fail(error.getSimpleName() + " without a one-line message: [" + message + "]", thrown);
        }
        String name = named.getFileName().toString();
        if (!message.contains(name)) {
            fail(error.getSimpleName() + " message does not name " + name + ": " + message, thrown);
        }
        return null;
    }
}
