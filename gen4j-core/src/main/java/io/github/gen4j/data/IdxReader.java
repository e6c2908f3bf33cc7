package io.github.gen4j.data;

import io.github.gen4j.io.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, optionally gzipped.
 *
 * <p>Format (all integers big-endian): two zero bytes; one byte element type ({@code 0x08} =
 * unsigned byte, the only type supported here); one byte number of dimensions {@code d}; {@code d}
 * 32-bit dimension sizes, outermost first; then {@code product(dims)} elements in row-major order
 * and nothing after them. A file is treated as gzip if its name ends in {@code .gz} or if it starts
 * with the gzip magic {@code 1f 8b}.
 */
public final class IdxReader {

    /** Element type code of unsigned bytes. */
    public static final int TYPE_UBYTE = 0x08;

    /** Refuse dimension products above this (Java arrays are int-indexed). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    /** Deflate's largest compression ratio (zlib's technical details: 1032:1). */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private IdxReader() {}

    /**
     * Reads an IDX file from disk.
     *
     * @throws DataException (naming the file) if it is missing, unreadable or not a valid
     *     unsigned-byte IDX file of 1 to 4 dimensions with exactly the announced amount of data
     */
    public static IdxArray read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, Files.size(file));
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found (expected an IDX file)", e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read IDX file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX file from a stream (e.g. a classpath resource). Gzip is detected from the
     * {@code source} name or the first two bytes. The stream is read to its end but not closed.
     *
     * @param source the name used in error messages (a file name or resource path)
     */
    public static IdxArray read(InputStream raw, String source) {
        return read(raw, source, -1);
    }

    /**
     * @param streamBytes the stream's length if known (a file's size), else -1: it bounds how much data the
     *     stream can hold, the file's size for raw IDX and 1032 times that for gzip (deflate's largest ratio)
     */
    private static IdxArray read(InputStream raw, String source, long streamBytes) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            InputStream in = buffered;
            long canHold = streamBytes;
            if (source.endsWith(".gz") || startsWithGzipMagic(buffered)) {
                in = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
                canHold = streamBytes < 0 ? -1 : streamBytes * MAX_DEFLATE_RATIO;
            }
            return parse(new DataInputStream(in), source, canHold);
        } catch (EOFException | ZipException e) {
            throw new DataException(source + ": truncated or corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read IDX file: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static IdxArray parse(DataInputStream in, String source, long canHold) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(
                    source + ": truncated IDX header: expected at least 4 bytes, found " + magic.length);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(
                    String.format(
                            "%s: not an IDX file: expected the first two bytes to be 00 00, found %02X %02X",
                            source, magic[0] & 0xFF, magic[1] & 0xFF));
        }
        int type = magic[2] & 0xFF;
        if (type != TYPE_UBYTE) {
            throw new DataException(
                    String.format(
                            "%s: unsupported IDX element type 0x%02X, expected 0x08 (unsigned byte)",
                            source, type));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims < 1 || ndims > 4) {
            throw new DataException(
                    source + ": unsupported number of IDX dimensions " + ndims + ", expected 1 to 4");
        }
        byte[] header = in.readNBytes(4 * ndims);
        if (header.length < 4 * ndims) {
            throw new DataException(
                    source + ": truncated IDX header: expected " + 4 * ndims
                            + " bytes of dimensions, found " + header.length);
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            // Big-endian 32-bit size; a set top bit means a size above 2^31, i.e. negative here.
            dims[i] = ((header[4 * i] & 0xFF) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
                    | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
            if (dims[i] <= 0) {
                throw new DataException(
                        source + ": IDX dimension " + i + " is " + Integer.toUnsignedString(dims[i])
                                + ", expected a positive size below 2^31");
            }
            total *= dims[i];
            if (total > MAX_ELEMENTS) {
                throw new DataException(
                        source + ": IDX dimensions announce more than " + MAX_ELEMENTS
                                + " elements, too large to load");
            }
        }
        byte[] data;
        if (total <= canHold) {
            // One array of the announced size, filled in place, when the file is large enough to hold it:
            // reading in chunks and joining them leaves the chunks (as much again as the data) as garbage
            // in the old generation, resident for the whole run (47 MB for Fashion-MNIST's training images;
            // issue 14's memory target).
            data = new byte[(int) total];
            int n = in.readNBytes(data, 0, data.length);
            if (n < total) {
                data = Arrays.copyOf(data, n);
            }
        } else {
            // readNBytes grows its buffer as data arrives, so a lying header over a stream of unknown
            // length cannot force a huge allocation up front.
            data = in.readNBytes((int) total);
        }
        IdxArray array = new IdxArray(dims, data);
        if (data.length < total) {
            throw new DataException(
                    source + ": truncated IDX file: expected " + total + " bytes of data for "
                            + array.shapeString() + ", found " + data.length);
        }
        long extra = 0;
        while (true) {
            long n = in.skip(1 << 20);
            if (n > 0) {
                extra += n;
            } else if (in.read() >= 0) {
                extra++; // skip may return 0 before the end; read() decides
            } else {
                break;
            }
        }
        if (extra > 0) {
            throw new DataException(
                    source + ": IDX file has " + extra + " unexpected bytes after the " + total
                            + " bytes of data announced for " + array.shapeString());
        }
        return array;
    }
}
