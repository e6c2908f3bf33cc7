package io.github.gen4j.data;

import static io.github.gen4j.data.IdxTestFiles.gzip;
import static io.github.gen4j.data.IdxTestFiles.idx;
import static io.github.gen4j.data.IdxTestFiles.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gen4j.io.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir Path dir;

    private String error(Path file, byte[] contents) throws IOException {
        Files.write(file, contents);
        return assertThrows(DataException.class, () -> IdxReader.read(file)).getMessage();
    }

    @Test
    void roundTripRawAndGzip() throws IOException {
        byte[] data = pattern(3, 4, 5);
        for (String name : new String[] {"images-idx3-ubyte", "images-idx3-ubyte.gz"}) {
            IdxArray a = IdxReader.read(IdxTestFiles.write(dir.resolve(name), data, 3, 4, 5));
            assertArrayEquals(new int[] {3, 4, 5}, a.dims(), name);
            assertArrayEquals(data, a.data(), name);
            assertEquals(3, a.count());
            assertEquals(20, a.itemSize());
        }
    }

    @Test
    void detectsGzipByMagicWhateverTheName() throws IOException {
        Path f = dir.resolve("labels.idx");
        Files.write(f, gzip(idx(0x08, new byte[] {7, 8, 9}, 3)));
        assertArrayEquals(new byte[] {7, 8, 9}, IdxReader.read(f).data());
    }

    @Test
    void sliceCopiesItems() {
        IdxArray a = new IdxArray(new int[] {3, 2}, new byte[] {0, 1, 2, 3, 4, 5});
        IdxArray s = a.slice(1, 3);
        assertArrayEquals(new int[] {2, 2}, s.dims());
        assertArrayEquals(new byte[] {2, 3, 4, 5}, s.data());
    }

    @Test
    void wrongMagic() throws IOException {
        Path f = dir.resolve("x.idx");
        String msg = error(f, "PK\u0003\u0004 this is a zip".getBytes());
        assertEquals(f + ": not an IDX file: expected the first two bytes to be 00 00, found 50 4B", msg);
    }

    @Test
    void unsupportedType() throws IOException {
        Path f = dir.resolve("shorts.idx");
        String msg = error(f, idx(0x0B, new byte[4], 2));
        assertEquals(f + ": unsupported IDX element type 0x0B, expected 0x08 (unsigned byte)", msg);
    }

    @Test
    void badDimensions() throws IOException {
        Path f = dir.resolve("five.idx");
        assertEquals(
                f + ": unsupported number of IDX dimensions 5, expected 1 to 4",
                error(f, idx(0x08, new byte[1], 1, 1, 1, 1, 1)));
        Path z = dir.resolve("zero.idx");
        assertEquals(
                z + ": IDX dimension 1 is 0, expected a positive size below 2^31",
                error(z, idx(0x08, new byte[0], 3, 0)));
    }

    @Test
    void truncatedData() throws IOException {
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] full = idx(0x08, new byte[1000], 60000, 28, 28);
        String msg = error(f, gzip(full));
        assertEquals(
                f + ": truncated IDX file: expected 47040000 bytes of data for 60000x28x28, found 1000",
                msg);
    }

    @Test
    void truncatedHeaderAndGzipStream() throws IOException {
        Path h = dir.resolve("h.idx");
        assertEquals(
                h + ": truncated IDX header: expected 12 bytes of dimensions, found 4",
                error(h, Arrays.copyOf(idx(0x08, new byte[0], 1, 1, 1), 8)));
        Path g = dir.resolve("g.gz");
        byte[] gz = gzip(idx(0x08, pattern(50, 10, 10), 50, 10, 10));
        String msg = error(g, Arrays.copyOf(gz, gz.length / 2));
        assertEquals(true, msg.startsWith(g + ": truncated or corrupt gzip data"), msg);
    }

    @Test
    void trailingBytes() throws IOException {
        Path f = dir.resolve("labels-idx1-ubyte");
        byte[] withExtra = idx(0x08, new byte[13], 10);
        assertEquals(
                f + ": IDX file has 3 unexpected bytes after the 10 bytes of data announced for 10",
                error(f, withExtra));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.gz");
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(f));
        assertEquals(f + ": file not found (expected an IDX file)", e.getMessage());
    }
}
