package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line texts of file-system failures say what failed, on which user-visible path, and why. */
class IoErrorsTest {

    @Test
    void barePathMessagesGetTheirReason() {
        assertEquals("/data/x.idx: no such file or folder", IoErrors.describe(new NoSuchFileException("/data/x.idx")));
        assertEquals("/out/a.png: already exists", IoErrors.describe(new FileAlreadyExistsException("/out/a.png")));
        assertEquals("/ro: disk quota exceeded", IoErrors.describe(new FileSystemException("/ro", null,
                "disk quota exceeded")));
    }

    @Test
    void aFileWhereAFolderIsNeededIsNamedAsSuch(@TempDir Path tmp) throws IOException {
        // gen4j sample RUN --out some-file/s.png: creating the folder some-file finds a file there
        Path file = Files.createFile(tmp.resolve("some-file"));
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> Files.createDirectories(file));
        assertEquals(file + ": is a file, where a folder is needed", IoErrors.describe(e));
    }

    @Test
    void temporaryFilesOfAtomicWritesAreNamedByTheirTarget() {
        assertEquals("/runs/r/checkpoints/step-00000010.ckpt: permission denied", IoErrors.describe(
                new AccessDeniedException("/runs/r/checkpoints/.step-00000010.ckpt.8453127.tmp")));
        assertEquals("out.npy: permission denied", IoErrors.describe(new AccessDeniedException(".out.npy.77.tmp")));
    }

    @Test
    void outerContextIsKeptWithThePathDescribed() {
        IOException cause = new AccessDeniedException("/runs/vae-1");
        UncheckedIOException e = new UncheckedIOException("/runs: cannot create run folder: /runs/vae-1", cause);
        assertEquals("/runs: cannot create run folder: /runs/vae-1: permission denied", IoErrors.describe(e));
        RuntimeException other = new RuntimeException("writing the report", new NoSuchFileException("/r/report.html"));
        assertEquals("writing the report (/r/report.html: no such file or folder)", IoErrors.describe(other));
        assertEquals("plain message", IoErrors.describe(new IllegalStateException("plain message")));
    }
}
