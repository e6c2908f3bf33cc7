package io.github.gen4j.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, is
 * flushed to disk, and only then renamed over the target with {@code ATOMIC_MOVE}. Readers
 * therefore see either the complete old file or the complete new one, never a partial write; if
 * the writer throws, the old file is left untouched and the temporary file is deleted.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Atomically replaces (or creates) {@code target} with whatever {@code writer} writes.
     * Missing parent directories are created. The stream handed to the writer is buffered; the
     * writer may close it or not (closing it does not end the write early).
     *
     * @param target the file to create or replace
     * @param writer writes the complete new contents
     * @throws IOException if writing, syncing or the final rename fails (the target is then
     *     unchanged), or whatever the writer throws
     */
    public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path firstCreated = firstMissing(dir);
        Files.createDirectories(dir);
        boolean moved = false;
        Path tmp = null;
        try {
            // Same directory as the target, so the rename never crosses file systems. A leading dot
            // keeps half-written files out of globs like *.png.
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                    BufferedOutputStream buffered = new BufferedOutputStream(file, 1 << 16)) {
                writer.accept(new NonClosingStream(buffered));
                buffered.flush();
                file.getFD().sync();
            }
            // createTempFile makes the file owner-only (0600); outputs get the usual rw-r--r--
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
                removeEmpty(dir, firstCreated);
            }
        }
    }

    /** The outermost ancestor of {@code dir} (or dir itself) that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Removes the folders a failed write created, from {@code dir} up to {@code firstCreated}, while empty. */
    private static void removeEmpty(Path dir, Path firstCreated) {
        if (firstCreated == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(firstCreated); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty (another writer) or not ours to remove: leave it
            }
        }
    }

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Lets writers wrap the stream in e.g. a GZIPOutputStream and close it without closing the
     * file before it has been synced; close only flushes.
     */
    private static final class NonClosingStream extends FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
