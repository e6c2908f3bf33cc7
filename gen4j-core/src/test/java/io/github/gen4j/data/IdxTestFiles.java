package io.github.gen4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxTestFiles {

    private IdxTestFiles() {}

    /** Header (type code, dims) followed by {@code data}, exactly as given. */
    static byte[] idx(int type, byte[] data, int... dims) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(0);
            out.writeByte(0);
            out.writeByte(type);
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(raw);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes an unsigned-byte IDX file, gzipped if the name ends in .gz. */
    static Path write(Path file, byte[] data, int... dims) throws IOException {
        byte[] raw = idx(0x08, data, dims);
        Files.write(file, file.toString().endsWith(".gz") ? gzip(raw) : raw);
        return file;
    }

    /** n images of h x w where pixel (i, y, x) = (i * 31 + y * w + x) mod 256. */
    static byte[] pattern(int n, int h, int w) {
        byte[] b = new byte[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h * w; j++) {
                b[i * h * w + j] = (byte) (i * 31 + j);
            }
        }
        return b;
    }

    static byte[] labels(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
