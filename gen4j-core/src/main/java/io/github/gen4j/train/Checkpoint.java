package io.github.gen4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gen4j.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * One checkpoint file: a JSON header (step, timing, learning-rate state, the run's config) and named
 * tensors (network parameters {@code net/NETWORK/PARAM}, optimizer moments, EMA weights).
 *
 * <p>Layout: the magic bytes {@code GEN4JCKPT}, format version (int), header length (int), UTF-8 JSON
 * header, the tensors in DJL's {@link NDList} encoding, and a CRC-32 of everything before it (long).
 * Files are written atomically, so a crash while saving leaves the previous checkpoint intact.
 */
public record Checkpoint(JsonNode header, Map<String, NDArray> arrays) {

    private static final byte[] MAGIC = "GEN4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes header and arrays (each array must carry its name) atomically to {@code file}. */
    public static void write(Path file, JsonNode header, NDList arrays) throws IOException {
        byte[] head = JSON.writeValueAsBytes(header);
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(head.length);
            out.write(head);
            arrays.encode(out);
            out.flush();
            long crc = checked.getChecksum().getValue();
            new DataOutputStream(raw).writeLong(crc);
        });
    }

    /**
     * Reads only a checkpoint's JSON header (step, elapsed seconds, config), without its tensors or CRC check
     * (for listings such as the comparison's training curves).
     */
    public static JsonNode readHeader(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int version = in.readInt();
            int len = in.readInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new CheckpointException(file + ": not a gen4j checkpoint of format version " + VERSION);
            }
            byte[] head = new byte[checkHeaderLength(file, len)];
            in.readFully(head);
            return JSON.readTree(head);
        } catch (IOException e) {
            throw new CheckpointException(file + ": unreadable checkpoint header: " + reason(e), e);
        }
    }

    /**
     * The JSON header's length if the file can hold it besides the magic bytes, version, length and CRC (and at
     * most 64 MB), so that a corrupt length field never makes the reader allocate more than the file's size.
     */
    private static int checkHeaderLength(Path file, int len) throws IOException {
        long room = Files.size(file) - MAGIC.length - 2 * Integer.BYTES - Long.BYTES;
        if (len <= 0 || len > room || len > (64 << 20)) {
            throw new CheckpointException(file + ": corrupt checkpoint header length " + len + ", expected 1 to "
                    + Math.max(0, Math.min(room, 64 << 20)) + " for a file of " + Files.size(file) + " bytes");
        }
        return len;
    }

    /** The cause of a failure, on one line (Jackson adds the position in the input on a second line). */
    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * Reads the magic bytes and the format version: a file too short for the magic bytes, or with others, is
     * no gen4j checkpoint at all.
     */
    private static void requireStart(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        int n = in.readNBytes(magic, 0, magic.length);
        if (n < magic.length || !Arrays.equals(magic, MAGIC)) {
            throw new CheckpointException(file + ": not a gen4j checkpoint (it does not start with the "
                    + "checkpoint's magic bytes)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new CheckpointException(
                    file + ": checkpoint format version " + version + ", this gen4j reads " + VERSION);
        }
    }

    /**
     * Checks a checkpoint file without decoding its tensors: magic bytes, format version and the CRC-32 of
     * everything before the stored checksum. Throws a {@link CheckpointException} saying what is wrong.
     */
    public static void verify(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long size = Files.size(file);
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            requireStart(file, in);
            long rest = size - MAGIC.length - Integer.BYTES - Long.BYTES; // bytes up to the stored CRC
            if (rest < Integer.BYTES) {
                throw new CheckpointException(file + ": checkpoint is truncated");
            }
            in.skipNBytes(rest);
            long expected = checked.getChecksum().getValue();
            if (new DataInputStream(raw).readLong() != expected) {
                throw new CheckpointException(file + ": checkpoint is corrupt (CRC mismatch)");
            }
        } catch (EOFException e) {
            throw new CheckpointException(file + ": checkpoint is truncated", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": unreadable checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a checkpoint; its arrays are attached to {@code manager}. The file is {@linkplain #verify verified}
     * first, so that a damaged one is refused as such before any of it is decoded, and the layout of its
     * tensors is checked against the file's size before DJL decodes them ({@link TensorLayout}).
     */
    public static Checkpoint read(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such checkpoint file");
        }
        verify(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            requireStart(file, in);
            byte[] head = new byte[checkHeaderLength(file, in.readInt())];
            in.readFully(head);
            JsonNode header = JSON.readTree(head);
            long tensors = MAGIC.length + 2 * Integer.BYTES + head.length;
            TensorLayout.check(file, tensors, Files.size(file) - tensors - Long.BYTES);
            NDList list = NDList.decode(manager, in);
            long expected = checked.getChecksum().getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw new CheckpointException(file + ": checkpoint is corrupt (CRC mismatch)");
            }
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (NDArray a : list) {
                arrays.put(a.getName(), a);
            }
            return new Checkpoint(header, arrays);
        } catch (EOFException e) {
            throw new CheckpointException(file + ": checkpoint is truncated", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(file + ": unreadable checkpoint: " + reason(e), e);
        }
    }
}
