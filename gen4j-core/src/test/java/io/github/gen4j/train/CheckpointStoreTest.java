package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint folder: a damaged newest checkpoint never strands a run, and interrupted writes leave nothing. */
class CheckpointStoreTest {

    @TempDir Path dir;

    private Path write(CheckpointStore store, long step) throws IOException {
        Path f = store.fileFor(step);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.arange(16f);
            a.setName("w");
            Checkpoint.write(f, JsonNodeFactory.instance.objectNode().put("step", step), new NDList(a));
        }
        store.commit(f, 5);
        return f;
    }

    /** Runs {@code body} and returns what it printed on standard error. */
    private static String stderrOf(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void corruptNewestFallsBackToTheNewestThatVerifiesWithOneWarning() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        Path older = write(store, 2);
        Path newest = write(store, 4);
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 0x5a; // one flipped byte inside the tensors
        Files.write(newest, b);

        Optional<Path>[] found = new Optional[1];
        String err = stderrOf(() -> found[0] = store.latest());
        assertEquals(Optional.of(older), found[0]);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("warning: " + newest + ": checkpoint is corrupt (CRC mismatch); using the newest"
                + " checkpoint that verifies, step-00000002.ckpt"), err);

        Files.write(older, new byte[] {1, 2, 3});
        CheckpointException none = assertThrows(CheckpointException.class, store::latest);
        assertTrue(none.getMessage().contains("CRC mismatch"), none.getMessage()); // the newest one's reason
    }

    @Test
    void aFileThatIsNoCheckpointIsCalledSoNotTruncated() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.ckpt"), "hello");
        Path empty = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        for (Path f : new Path[] {text, empty}) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.verify(f));
            assertTrue(e.getMessage().contains("not a gen4j checkpoint"), e.getMessage());
            try (NDManager m = NDManager.newBaseManager()) {
                CheckpointException r = assertThrows(CheckpointException.class, () -> Checkpoint.read(f, m));
                assertTrue(r.getMessage().contains("not a gen4j checkpoint"), r.getMessage());
            }
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        Path good = write(store, 3);
        byte[] b = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.ckpt"), java.util.Arrays.copyOf(b, b.length - 20));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.verify(cut));
        assertFalse(e.getMessage().contains("not a gen4j checkpoint"), e.getMessage());
    }

    @Test
    void staleTemporariesOfInterruptedWritesAreRemoved() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        Path kept = write(store, 1);
        Path tmp = Files.write(store.dir().resolve(".step-00000002.ckpt.8271.tmp"), new byte[1000]);
        Path rootTmp = Files.writeString(dir.resolve(".config.json.17.tmp"), "{");
        Path config = Files.writeString(dir.resolve("config.json"), "{}");
        assertEquals(2, store.removeStaleTemporaries(dir));
        assertFalse(Files.exists(tmp));
        assertFalse(Files.exists(rootTmp));
        assertTrue(Files.exists(kept) && Files.exists(config));
        assertEquals(Optional.of(kept), store.latest());
    }

    /**
     * Found by CheckpointFuzzTest: a {@code latest} pointer that is not UTF-8 threw an UncheckedIOException, one
     * holding a NUL an InvalidPathException, and a step file name of 20 digits a NumberFormatException; each
     * now names no checkpoint, and the step files decide.
     */
    @Test
    void aDamagedPointerOrAnOddFileNameNamesNoCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
        write(store, 1);
        Path newest = write(store, 2);
        Files.write(store.dir().resolve("step-99999999999999999999.ckpt"), new byte[] {1});
        for (byte[] pointer : new byte[][] {{(byte) 0xff}, "step-1\u0000.ckpt".getBytes(StandardCharsets.UTF_8)}) {
            Files.write(store.dir().resolve("latest"), pointer);
            assertEquals(Optional.of(newest), store.latest());
        }
    }

    /** Checkpoint.write's bytes for one array, with {@code edit} applied and the CRC recomputed. */
    private Path crafted(String name, java.util.function.Consumer<java.nio.ByteBuffer> edit) throws IOException {
        Path f = dir.resolve(name);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.arange(6f);
            a.setName("w");
            Checkpoint.write(f, JsonNodeFactory.instance.objectNode().put("step", 1), new NDList(a));
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(f));
        edit.accept(b);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 0, b.capacity() - Long.BYTES);
        b.putLong(b.capacity() - Long.BYTES, crc.getValue());
        return Files.write(f, b.array());
    }

    /**
     * Found by CheckpointFuzzTest: read() parsed the JSON header before checking the CRC, so one flipped byte
     * there gave Jackson's two-line parse error instead of "CRC mismatch"; and a file crafted with a valid CRC
     * but a tensor length of 2^31 - 1 (or a rank of 2^31 - 1) made DJL's decoder allocate a 2 GB buffer (or a
     * 16 GB array: OutOfMemoryError) before reading. The layout is now checked against the file's size first.
     */
    @Test
    void aCorruptOrCraftedFileIsRefusedBeforeItIsDecoded() throws IOException {
        Path flipped = crafted("flipped.ckpt", b -> { });
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[16] ^= 1; // the header length's last byte
        Files.write(flipped, bytes);
        // Offsets in the one-array file: 9 magic + 4 version + 4 length + 10 JSON ({"step":1}) = 27: the tensor
        // count; the array's rank at 27 + 4 + 6 (NDAR) + 4 (version) + 4 (name) + 7 (DENSE) + 9 (FLOAT32) = 61,
        // its data length at 61 + 4 + 8 (one dimension) + 4 + 2 (layout) + 1 (byte order) = 80.
        Path hugeData = crafted("huge-data.ckpt", b -> b.putInt(80, Integer.MAX_VALUE));
        Path hugeRank = crafted("huge-rank.ckpt", b -> b.putInt(61, Integer.MAX_VALUE));
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(flipped + ": checkpoint is corrupt (CRC mismatch)",
                    assertThrows(CheckpointException.class, () -> Checkpoint.read(flipped, m)).getMessage());
            assertEquals(hugeData + ": corrupt checkpoint tensors: tensor 0 holds 2147483647 bytes for 6 elements"
                    + " of float32", assertThrows(CheckpointException.class, () -> Checkpoint.read(hugeData, m))
                    .getMessage());
            String rank = assertThrows(CheckpointException.class, () -> Checkpoint.read(hugeRank, m)).getMessage();
            assertTrue(rank.startsWith(hugeRank + ": corrupt checkpoint tensors: tensor 0's rank of 2147483647 needs"
                    + " more than the "), rank);
        }
        String header = assertThrows(CheckpointException.class,
                () -> Checkpoint.readHeader(crafted("ctrl.ckpt", b -> b.put(17, (byte) 1)))).getMessage();
        assertTrue(header.contains(": unreadable checkpoint header: Illegal character"), header);
        assertEquals(1, header.lines().count(), header);
    }
}
