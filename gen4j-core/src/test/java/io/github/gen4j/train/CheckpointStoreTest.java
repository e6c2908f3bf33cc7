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
}
