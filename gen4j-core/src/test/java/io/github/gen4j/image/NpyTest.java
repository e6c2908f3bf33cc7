package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir Path dir;

    @Test
    void uint8RoundTripAndHeaderBytes() throws IOException {
        byte[] data = new byte[2 * 1 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 11);
        }
        Path f = dir.resolve("x.npy");
        Npy.writeUint8(f, data, 2, 1, 3, 4);

        byte[] raw = Files.readAllBytes(f);
        assertArrayEquals(
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(raw, 8));
        int headerLen = (raw[8] & 0xFF) | (raw[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(raw, 10, headerLen, StandardCharsets.US_ASCII);
        // exactly what numpy.save writes for np.zeros((2, 1, 3, 4), np.uint8)
        assertEquals("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 3, 4), }",
                header.stripTrailing());
        assertEquals('\n', header.charAt(header.length() - 1));
        assertEquals(10 + headerLen + data.length, raw.length);

        NpyArray a = Npy.read(f);
        assertEquals("|u1", a.descr());
        assertArrayEquals(new int[] {2, 1, 3, 4}, a.shape());
        assertArrayEquals(data, a.uint8());
        assertNull(a.float32());
    }

    @Test
    void float32RoundTripAndPythonTuples() throws IOException {
        float[] v = {1.5f, -2f, Float.MIN_VALUE, 1e30f, 0f};
        Path f = dir.resolve("z.npy");
        Npy.writeFloat32(f, v, 5);
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains("'shape': (5,), }"), text);
        NpyArray a = Npy.read(f);
        assertEquals("<f4", a.descr());
        assertArrayEquals(v, a.float32());
        assertEquals("(5,)", a.shapeString());
    }

    @Test
    void clearErrors() throws IOException {
        Path notNpy = dir.resolve("a.npy");
        Files.writeString(notNpy, "hello world");
        assertEquals(notNpy + ": not a .npy file: expected the magic \\x93NUMPY",
                assertThrows(DataException.class, () -> Npy.read(notNpy)).getMessage());

        Path f8 = dir.resolve("f8.npy");
        byte[] h = Npy.header("<f8", new int[] {1});
        Files.write(f8, concat(h, new byte[8]));
        assertEquals(f8 + ": unsupported .npy dtype '<f8', expected '|u1' (uint8) or '<f4' (float32)",
                assertThrows(DataException.class, () -> Npy.read(f8)).getMessage());

        Path shortData = dir.resolve("short.npy");
        Files.write(shortData, concat(Npy.header("|u1", new int[] {2, 3}), new byte[5]));
        assertEquals(shortData + ": .npy data is 5 bytes, expected 6 for shape (2, 3) of '|u1'",
                assertThrows(DataException.class, () -> Npy.read(shortData)).getMessage());
    }

    @Test
    void shapeMustMatchData() {
        assertThrows(IllegalArgumentException.class,
                () -> Npy.writeUint8(dir.resolve("bad.npy"), new byte[5], 2, 3));
        assertEquals(false, Files.exists(dir.resolve("bad.npy")));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * Found by NpyFuzzTest: the element count of shape (256, 8192, 1048576, 8388608), 2^64, overflowed to 0, so
     * an empty data section was read as an array of that shape with no elements.
     */
    @Test
    void aShapeWhoseProductOverflowsIsRefused() throws IOException {
        Path f = dir.resolve("overflow.npy");
        Files.write(f, Npy.header("|u1", new int[] {256, 8192, 1048576, 8388608}));
        assertEquals(f + ": .npy data is 0 bytes, expected more than 2^63 for shape (256, 8192, 1048576, 8388608)"
                + " of '|u1'", assertThrows(DataException.class, () -> Npy.read(f)).getMessage());
        Path f4 = dir.resolve("overflow-f4.npy"); // 2^62 elements of 4 bytes: 2^64 bytes, also 0 once wrapped
        Files.write(f4, Npy.header("<f4", new int[] {1 << 30, 1 << 30, 4}));
        assertThrows(DataException.class, () -> Npy.read(f4));
    }

    /** Found by NpyFuzzTest: a header quoted in a message kept its line breaks ('descr': '\n'). */
    @Test
    void aQuotedHeaderStaysOnOneLine() throws IOException {
        Path f = dir.resolve("newline.npy");
        byte[] dict = "{'descr': '\n', }".getBytes(StandardCharsets.US_ASCII);
        byte[] head = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length, 0};
        Files.write(f, concat(head, dict));
        String message = assertThrows(DataException.class, () -> Npy.read(f)).getMessage();
        assertEquals(f + ": .npy header has no valid 'fortran_order' entry: {'descr': ' ', }", message);
    }
}
