package io.github.gen4j.image;

import io.github.gen4j.io.DataException;
import io.github.gen4j.io.AtomicFiles;
import io.github.gen4j.io.IOConsumer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files, so that images and latents can be inspected from Python with {@code
 * numpy.load}.
 *
 * <p>Format (version 1.0): the magic {@code \x93NUMPY}, the version bytes {@code 01 00}, a
 * little-endian uint16 header length, then an ASCII header that is a Python dict literal, e.g.
 * {@code {'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 28, 28), }}, padded with spaces
 * and ended by {@code \n} so that magic + version + length + header is a multiple of 64 bytes;
 * then the raw elements in C (row-major) order. Versions 2.0 and 3.0 differ only in a uint32
 * header length and are read too.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Writes unsigned bytes with dtype {@code '|u1'} and the given shape, atomically. */
    public static void writeUint8(Path file, byte[] data, int... shape) throws IOException {
        checkCount(data.length, shape);
        AtomicFiles.write(file, out -> {
            out.write(header("|u1", shape));
            out.write(data);
        });
    }

    /**
     * Writes a {@code '|u1'} array of the given shape atomically without holding it in memory: {@code body}
     * writes the elements in C order, in as many pieces as it likes (e.g. one batch of samples at a time).
     * Fails, leaving no file, if it writes another number of bytes than the shape holds.
     */
    public static void writeUint8(Path file, int[] shape, IOConsumer<OutputStream> body) throws IOException {
        long expected = 1;
        for (int d : shape) {
            expected *= d;
        }
        long count = expected;
        AtomicFiles.write(file, out -> {
            out.write(header("|u1", shape));
            long[] written = {0};
            body.accept(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    written[0] += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    written[0]++;
                }
            });
            if (written[0] != count) {
                throw new IOException(file + ": " + written[0] + " bytes written for a shape of " + count);
            }
        });
    }

    /** Writes floats with dtype {@code '<f4'} (little-endian float32) and the shape, atomically. */
    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        checkCount(data.length, shape);
        AtomicFiles.write(file, out -> {
            out.write(header("<f4", shape));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(f);
            }
            out.write(buf.array(), 0, buf.position());
        });
    }

    /** Magic, version 1.0, header length and the space-padded header dict ending in '\n'. */
    static byte[] header(String descr, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + pythonShape(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String text = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** "(2, 3)", "(5,)" for one dimension, "()" for a scalar, as Python prints tuples. */
    static String pythonShape(int[] shape) {
        return "(" + NpyArray.join(shape) + (shape.length == 1 ? ",)" : ")");
    }

    /**
     * Reads a {@code .npy} file of dtype {@code '|u1'} (uint8) or {@code '<f4'} (float32) in C
     * order.
     *
     * @throws DataException naming the file if it is missing, not an .npy file, of another dtype
     *     or Fortran order, or if its data length does not match its shape
     */
    public static NpyArray read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found (expected a .npy file)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read .npy file: " + e.getMessage(), e);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (!b.hasRemaining() || b.get() != m) {
                throw new DataException(file + ": not a .npy file: expected the magic \\x93NUMPY");
            }
        }
        if (b.remaining() < 4) {
            throw new DataException(file + ": truncated .npy header");
        }
        int major = b.get();
        b.get(); // minor version: no format differences
        long headerLen;
        if (major == 1) {
            headerLen = b.getShort() & 0xFFFF;
        } else if ((major == 2 || major == 3) && b.remaining() >= 4) {
            headerLen = b.getInt() & 0xFFFFFFFFL;
        } else {
            throw new DataException(file + ": unsupported .npy version " + major + ", expected 1, 2 or 3");
        }
        if (headerLen > b.remaining()) {
            throw new DataException(file + ": truncated .npy header: expected " + headerLen
                    + " bytes, found " + b.remaining());
        }
        String header = new String(all, b.position(), (int) headerLen, StandardCharsets.UTF_8);
        b.position(b.position() + (int) headerLen);
        String descr = group(file, DESCR, header, "'descr'");
        if (group(file, FORTRAN, header, "'fortran_order'").equals("True")) {
            throw new DataException(file + ": Fortran-order .npy arrays are not supported, expected C order");
        }
        int[] shape = parseShape(file, group(file, SHAPE, header, "'shape'"));
        int itemSize = switch (descr) {
            case "|u1", "<u1", "u1" -> 1;
            case "<f4" -> 4;
            default -> throw new DataException(file + ": unsupported .npy dtype '" + oneLine(descr)
                    + "', expected '|u1' (uint8) or '<f4' (float32)");
        };
        // Saturated at Long.MAX_VALUE, so that a shape whose product overflows never matches a short file.
        long count = 1;
        for (int d : shape) {
            count = d != 0 && count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d;
        }
        long bytes = count > Long.MAX_VALUE / itemSize ? Long.MAX_VALUE : count * itemSize;
        if (bytes != b.remaining()) {
            throw new DataException(file + ": .npy data is " + b.remaining() + " bytes, expected "
                    + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes) + " for shape " + pythonShape(shape)
                    + " of '" + descr + "'");
        }
        if (itemSize == 1) {
            byte[] data = new byte[(int) count];
            b.get(data);
            return new NpyArray("|u1", shape, data, null);
        }
        float[] data = new float[(int) count];
        b.asFloatBuffer().get(data);
        return new NpyArray("<f4", shape, null, data);
    }

    private static String group(Path file, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new DataException(file + ": .npy header has no valid " + key + " entry: " + oneLine(header));
        }
        return m.group(1);
    }

    /**
     * Header text quoted in a message, on one line (a {@link DataException}'s message is one line): runs of
     * control characters and white space become one space, and more than 200 characters are cut.
     */
    private static String oneLine(String text) {
        String s = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static int[] parseShape(Path file, String tuple) {
        String t = tuple.trim();
        if (t.endsWith(",")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isBlank()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].trim().replaceAll("L$", ""));
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
            if (shape[i] < 0) {
                throw new DataException(
                        file + ": bad .npy shape (" + oneLine(tuple) + "), expected non-negative integers");
            }
        }
        return shape;
    }

    private static void checkCount(int length, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + pythonShape(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + pythonShape(shape) + " needs " + n + " elements, array has " + length);
        }
    }
}
