package io.github.gen4j.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Run and comparison ids: paths relative to the studio's {@code --runs} folder, such as
 * {@code vae-20261203-101500} or {@code compare-20261203-101500/runs/gan-seed1}. An id is resolved inside
 * that folder only: {@code ..}, absolute paths, hidden names, backslashes, encoded variants (already decoded
 * once by the server, so a {@code %} left is refused) and symbolic links that lead out are all refused.
 */
final class RunIds {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 6;

    private final Path root;

    RunIds(Path runs) {
        try {
            Files.createDirectories(runs);
            this.root = runs.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("--runs: " + runs + ": cannot open: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** The folder of {@code id}, which must exist inside the runs folder. */
    Path resolve(String id) {
        if (id == null || id.isEmpty()) {
            throw new StudioException(400, "missing run id");
        }
        String[] parts = id.split("/", -1);
        if (parts.length > MAX_SEGMENTS) {
            throw new StudioException(400, "run id '" + shorten(id) + "' is too deep");
        }
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                throw new StudioException(400, "run id '" + shorten(id)
                        + "' is not a folder name under the runs folder (letters, digits, '.', '_', '-', joined by '/')");
            }
        }
        Path p = root.resolve(id).normalize();
        if (!p.startsWith(root)) {
            throw new StudioException(400, "run id '" + shorten(id) + "' leads outside the runs folder");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new StudioException(404, "no run '" + shorten(id) + "'");
        }
        if (!real.startsWith(root)) {
            throw new StudioException(400, "run id '" + shorten(id) + "' leads outside the runs folder");
        }
        if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new StudioException(404, "no run '" + shorten(id) + "'");
        }
        return real;
    }

    /** A file of a run (one name, no path): refused if it is not a plain name or leads out. */
    Path file(Path runFolder, String sub, String name) {
        if (name == null || !SEGMENT.matcher(name).matches()) {
            throw new StudioException(400, "'" + shorten(String.valueOf(name)) + "' is not a file name");
        }
        Path dir = sub == null ? runFolder : runFolder.resolve(sub);
        Path f = dir.resolve(name).normalize();
        try {
            Path real = f.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real)) {
                throw new StudioException(404, "no file '" + name + "'");
            }
            return real;
        } catch (IOException e) {
            throw new StudioException(404, "no file '" + name + "'");
        }
    }

    /**
     * {@code path} (a file or folder of a run) as its real path, if it exists and that is inside the runs
     * folder; empty for a missing path and for a symbolic link that leads out, so that a run folder's own
     * files are never read from elsewhere.
     */
    Optional<Path> inside(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The id of a folder inside the runs folder. */
    String idOf(Path folder) {
        return root.relativize(folder).toString().replace('\\', '/');
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
