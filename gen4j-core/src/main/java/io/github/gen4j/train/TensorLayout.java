package io.github.gen4j.train;

import ai.djl.ndarray.types.DataType;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the tensors of a checkpoint, encoded by DJL's {@code NDList.encode}, without decoding them: a count,
 * then per array the string "NDAR", a version (1 to 3), an optional name (version 2 on), the sparse format,
 * the data type, the shape (rank, dimensions, layout characters), the byte order (version 3) and the data's
 * length and bytes. Every count and length is checked against the bytes left, and each data length against its
 * shape and type, before DJL's decoder sees them: it allocates what they say (a 2 GB buffer for a lying length,
 * an array of 2^31 dimensions for a lying rank) before reading, so a file crafted to pass the CRC could cost
 * gigabytes and seconds. Written for DJL 0.36's encoding; a round trip through {@link Checkpoint} tests it.
 */
final class TensorLayout {

    private final Path file;
    private final DataInputStream in;
    private long left;

    private TensorLayout(Path file, DataInputStream in, long length) {
        this.file = file;
        this.in = in;
        this.left = length;
    }

    /** Checks the {@code length} bytes of tensors that start {@code offset} bytes into {@code file}. */
    static void check(Path file, long offset, long length) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.skipNBytes(offset);
            new TensorLayout(file, new DataInputStream(raw), length).arrays();
        } catch (EOFException e) {
            throw new CheckpointException(file + ": checkpoint is truncated", e);
        }
    }

    private void arrays() throws IOException {
        int count = int32();
        if (count < 0) {
            throw corrupt("a count of " + count + " tensors");
        }
        for (int i = 0; i < count; i++) {
            array(i);
        }
        if (left != 0) {
            throw corrupt(left + " bytes after the " + count + " tensors");
        }
    }

    private void array(int i) throws IOException {
        if (!utf().equals("NDAR")) {
            throw corrupt("tensor " + i + " does not start with NDAR");
        }
        int version = int32();
        if (version < 1 || version > 3) {
            throw corrupt("tensor " + i + " has encoding version " + version + ", expected 1 to 3");
        }
        if (version > 1 && uint8() == 1) {
            utf(); // the name
        }
        utf(); // the sparse format
        DataType type = type(i, utf());
        long elements = 1; // saturated at Long.MAX_VALUE: never equal to a length that fits the file
        int rank = int32();
        take(rank, Long.BYTES, "tensor " + i + "'s rank");
        for (int d = 0; d < rank; d++) {
            long size = in.readLong();
            if (size < 0) {
                throw corrupt("tensor " + i + " has dimension " + size);
            }
            elements = size != 0 && elements > Long.MAX_VALUE / size ? Long.MAX_VALUE : elements * size;
        }
        int layout = int32();
        in.skipNBytes(take(layout, Character.BYTES, "tensor " + i + "'s layout"));
        if (version > 2) {
            uint8(); // the byte order
        }
        int length = int32();
        long expected = elements > Long.MAX_VALUE / type.getNumOfBytes() ? -1 : elements * type.getNumOfBytes();
        if (length != expected) {
            throw corrupt("tensor " + i + " holds " + length + " bytes for " + elements + " elements of " + type);
        }
        in.skipNBytes(take(length, 1, "tensor " + i + "'s data"));
    }

    private DataType type(int i, String name) {
        try {
            DataType type = DataType.valueOf(name);
            if (type.getNumOfBytes() > 0) {
                return type;
            }
        } catch (IllegalArgumentException e) {
            // not a data type's name: refused below
        }
        throw corrupt("tensor " + i + " has data type '" + name.replaceAll("\\p{Cntrl}", "?") + "'");
    }

    /** Consumes {@code n} items of {@code size} bytes, refusing more than are left; returns their bytes. */
    private long take(long n, int size, String what) {
        if (n < 0 || n > left / size) {
            throw corrupt(what + " of " + n + " needs more than the " + left + " bytes left");
        }
        left -= n * size;
        return n * size;
    }

    private int int32() throws IOException {
        take(1, Integer.BYTES, "a 32-bit field");
        return in.readInt();
    }

    private int uint8() throws IOException {
        take(1, 1, "a byte");
        return in.readUnsignedByte();
    }

    private String utf() throws IOException {
        take(1, Short.BYTES, "a string's length");
        int n = in.readUnsignedShort();
        return new String(in.readNBytes((int) take(n, 1, "a string")), StandardCharsets.UTF_8);
    }

    private CheckpointException corrupt(String what) {
        return new CheckpointException(file + ": corrupt checkpoint tensors: " + what);
    }
}
