package io.github.gen4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writtenFilesAreReadableByOthersLikeOrdinaryOutputs(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("grid.png");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // not the owner-only 0600 of a temp file
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void writesNewFileAndReplacesOld() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("a.bin"), listing());
    }

    @Test
    void failingWriterLeavesOldFileIntactAndNoTempFile() throws IOException {
        Path f = dir.resolve("ckpt.bin");
        Files.writeString(f, "old contents");
        IOException thrown =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        f,
                                        out -> {
                                            out.write(new byte[100_000]); // past the buffer
                                            throw new IOException("disk on fire");
                                        }));
        assertEquals("disk on fire", thrown.getMessage());
        assertEquals("old contents", Files.readString(f));
        assertEquals(List.of("ckpt.bin"), listing());
    }

    @Test
    void writerMayCloseWrappingStream() throws IOException {
        Path f = dir.resolve("sub/x.gz");
        AtomicFiles.write(
                f,
                out -> {
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        gz.write(42);
                    }
                });
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x1f, b[0]);
        assertEquals((byte) 0x8b, b[1]);
    }

    @Test
    void failedWriteRemovesTheFoldersItCreated(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/out.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), Files.list(dir).collect(Collectors.toList())); // no stray a/ or a/b/
        Files.createDirectories(dir.resolve("kept"));
        assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("kept/c/out.bin"), out -> {
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), Files.list(dir.resolve("kept")).collect(Collectors.toList())); // kept/ stays
    }
}
