package io.github.gen4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One-line texts for failures, for {@link Main}'s error handler. The JDK's file-system exceptions carry
 * only a path as their message (often the hidden temporary file of an atomic write); this says what
 * failed, on the path the user knows, and why.
 */
final class IoErrors {

    /** The hidden temporary file of {@code io.AtomicFiles}: {@code dir/.name.12345.tmp} for {@code dir/name}. */
    private static final Pattern TEMP = Pattern.compile("(.*/)?\\.(.+)\\.\\d+\\.tmp");

    private IoErrors() {}

    /**
     * The message to print for {@code e}. A file-system failure among its causes is described as
     * "FILE: why" (FILE the user-visible path); an outer message that quotes the bare path (as "...: cannot
     * create run folder: /x") keeps its context with the path replaced by that description.
     */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fs) {
                String described = fileSystem(fs);
                String outer = e.getMessage();
                String inner = fs.getMessage();
                if (e == t || outer == null) {
                    return described;
                }
                int at = inner == null ? -1 : outer.lastIndexOf(inner);
                return at >= 0 ? outer.substring(0, at) + described + outer.substring(at + inner.length())
                        : outer + " (" + described + ")";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "/x/out.png: permission denied", naming the user-visible file, not a temporary one. */
    static String fileSystem(FileSystemException e) {
        String file = visible(e.getFile());
        String other = e.getOtherFile() == null ? "" : " -> " + visible(e.getOtherFile());
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            // gen4j replaces its outputs atomically, so this comes from creating folders on the way to one
            Path there = e.getFile() == null ? null : Path.of(e.getFile());
            why = there != null && Files.exists(there) && !Files.isDirectory(there)
                    ? "is a file, where a folder is needed" : "already exists";
        } else if (e instanceof NotDirectoryException) {
            why = "not a folder";
        } else if (e instanceof DirectoryNotEmptyException) {
            why = "folder not empty";
        } else {
            why = e.getReason() != null ? e.getReason() : "file-system error";
        }
        return file + other + ": " + why;
    }

    /** The path a user named for a temporary file of an atomic write, else {@code path} itself. */
    static String visible(String path) {
        if (path == null) {
            return "(unknown file)";
        }
        Matcher m = TEMP.matcher(path);
        return m.matches() ? (m.group(1) == null ? "" : m.group(1)) + m.group(2) : path;
    }
}
