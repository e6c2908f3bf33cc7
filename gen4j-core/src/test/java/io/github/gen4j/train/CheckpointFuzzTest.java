package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.Fuzz;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes checkpoint files and the checkpoint folder: {@link Checkpoint#verify}, {@link Checkpoint#readHeader},
 * {@link Checkpoint#read} and {@link CheckpointStore#latest} end in a value or a one-line {@link
 * CheckpointException} naming the file, never in another exception or an allocation the file does not justify.
 * Only the {@code read} properties load the PyTorch engine, with few tries.
 */
class CheckpointFuzzTest {

    private static Path dir;
    private static byte[] valid;

    @BeforeContainer
    static void writeValidCheckpoint() throws IOException {
        dir = Fuzz.tempDir("gen4j-ckpt-fuzz");
        ObjectNode header = Json.MAPPER.createObjectNode().put("step", 7).put("elapsedSeconds", 1.5);
        header.putObject("config").put("family", "vae");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.arange(6f).reshape(2, 3);
            w.setName("net/encoder/w");
            NDArray b = m.zeros(new ai.djl.ndarray.types.Shape(4));
            b.setName("opt/m/net/encoder/b");
            Path f = dir.resolve("valid.ckpt");
            Checkpoint.write(f, header, new NDList(w, b));
            valid = Files.readAllBytes(f);
        }
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> edits() {
        return Fuzz.mutations(24); // magic, version, header length and the start of the JSON
    }

    private static Path write(String name, byte[] contents) {
        return Fuzz.write(dir.resolve(name), contents);
    }

    /** The file with the CRC-32 at its end recomputed over the rest, as a writer that meant it would. */
    private static byte[] withCrcFixed(byte[] b) {
        if (b.length < Long.BYTES) {
            return b;
        }
        byte[] out = b.clone();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - Long.BYTES);
        ByteBuffer.wrap(out).putLong(out.length - Long.BYTES, crc.getValue());
        return out;
    }

    @Property(tries = 300)
    void verifyEditedFiles(@ForAll("edits") List<Fuzz.Mutation> edits) {
        byte[] bytes = Fuzz.apply(edits, valid);
        Path f = write("edited.ckpt", bytes);
        Fuzz.outcome(f, CheckpointException.class, () -> {
            Checkpoint.verify(f);
            return null;
        });
    }

    @Property(tries = 300)
    void readHeaderOfEditedFiles(@ForAll("edits") List<Fuzz.Mutation> edits, @ForAll boolean fixCrc) {
        byte[] bytes = Fuzz.apply(edits, valid);
        Path f = write("header.ckpt", fixCrc ? withCrcFixed(bytes) : bytes);
        Fuzz.outcome(f, CheckpointException.class, () -> Checkpoint.readHeader(f));
    }

    @Property(tries = 100)
    void randomBytes(@ForAll("bytes") byte[] bytes) {
        Path f = write("random.ckpt", bytes);
        Fuzz.outcome(f, CheckpointException.class, () -> {
            Checkpoint.verify(f);
            return null;
        });
        Fuzz.outcome(f, CheckpointException.class, () -> Checkpoint.readHeader(f));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(Fuzz.bytes(64), Fuzz.bytes(64).map(b -> { // the magic, then anything
            byte[] out = java.util.Arrays.copyOf("GEN4JCKPT".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    9 + b.length);
            System.arraycopy(b, 0, out, 9, b.length);
            return out;
        }));
    }

    /** An edited checkpoint read in full: refused (the CRC), or, where the edit changed nothing, the arrays written. */
    @Property(tries = 60)
    void readEditedFiles(@ForAll("edits") List<Fuzz.Mutation> edits) {
        Path f = write("read.ckpt", Fuzz.apply(edits, valid));
        try (NDManager m = NDManager.newBaseManager()) {
            Checkpoint c = Fuzz.outcome(f, CheckpointException.class, () -> Checkpoint.read(f, m));
            if (c != null) {
                assertEquals(List.of("net/encoder/w", "opt/m/net/encoder/b"), List.copyOf(c.arrays().keySet()));
                assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, c.arrays().get("net/encoder/w").toFloatArray());
                assertEquals(7, c.header().get("step").asInt());
            }
        }
    }

    /**
     * Edited with the CRC recomputed, as a file crafted to pass the check: the tensors' own length fields are
     * then what is left to lie, and the reader still ends in a checkpoint or a CheckpointException.
     */
    @Property(tries = 300)
    void readEditedFilesWithAValidCrc(@ForAll("tensorEdits") List<Fuzz.Mutation> edits) {
        Path f = write("crafted.ckpt", withCrcFixed(Fuzz.apply(edits, valid)));
        try (NDManager m = NDManager.newBaseManager()) {
            Fuzz.outcome(f, CheckpointException.class, () -> Checkpoint.read(f, m));
        }
    }

    /** Anywhere (the tensors follow the JSON header); half of them one 32-bit field set to an extreme value. */
    @Provide
    Arbitrary<List<Fuzz.Mutation>> tensorEdits() {
        Arbitrary<Fuzz.Mutation> field = Combinators.combine(Arbitraries.integers().between(0, valid.length),
                Fuzz.extremeInts()).as((at, value) -> new Fuzz.SetInt(at, value, false));
        return Arbitraries.oneOf(field.list().ofSize(1), Fuzz.mutations(valid.length));
    }

    /**
     * A checkpoint folder of step files (valid or edited) and a {@code latest} pointer holding anything:
     * the newest file that verifies, nothing, or a CheckpointException; never a crash on the pointer or a name.
     */
    @Property(tries = 120)
    void latestOfAFolder(@ForAll("folders") Folder folder) throws IOException {
        Path ckpts = dir.resolve("checkpoints");
        Fuzz.deleteTree(ckpts);
        Files.createDirectories(ckpts);
        for (int i = 0; i < folder.steps().size(); i++) {
            List<Fuzz.Mutation> e = folder.edits().get(i);
            write("checkpoints/" + folder.steps().get(i), e == null ? valid : Fuzz.apply(e, valid));
        }
        if (folder.pointer() != null) {
            write("checkpoints/latest", folder.pointer());
        }
        CheckpointStore store = new CheckpointStore(ckpts);
        Optional<Path> found = Fuzz.outcome(ckpts, CheckpointException.class, () -> {
            PrintStream err = System.err; // latest() warns of every damaged file it passes over: not wanted here
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            try {
                return store.latest();
            } finally {
                System.setErr(err);
            }
        });
        if (found != null && found.isPresent()) {
            Checkpoint.verify(found.get()); // what latest() returns verifies
        }
    }

    /** Step file names (some odd), the edits of each file (null: intact), the pointer's bytes (null: none). */
    record Folder(List<String> steps, List<List<Fuzz.Mutation>> edits, byte[] pointer) {
        @Override
        public String toString() {
            return "Folder[steps=" + steps + ", edits=" + edits + ", pointer="
                    + (pointer == null ? "none" : java.util.HexFormat.of().formatHex(pointer)) + "]";
        }
    }

    @Provide
    Arbitrary<Folder> folders() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 99).map(s -> String.format("step-%08d.ckpt", s)),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).map(d -> "step-" + d + ".ckpt"));
        Arbitrary<byte[]> pointer = Arbitraries.oneOf(
                name.map(n -> (n + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Fuzz.bytes(40));
        return name.list().ofMinSize(1).ofMaxSize(3).uniqueElements()
                .flatMap(steps -> Combinators.combine(Arbitraries.just(steps),
                        edits().injectNull(0.5).list().ofSize(steps.size()), pointer.injectNull(0.2))
                        .as(Folder::new));
    }
}
