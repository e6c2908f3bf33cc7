package io.github.gen4j.train;

import io.github.gen4j.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code checkpoints/} folder of a run: {@code step-00001000.ckpt} files and a {@code latest} file
 * naming the newest complete one. The pointer is updated only after its checkpoint is fully on disk,
 * and old checkpoints are pruned only after that, so an interruption at any moment leaves a loadable
 * checkpoint.
 */
public final class CheckpointStore {

    /** A step file's name; up to 18 digits, so that every step fits a long. */
    private static final Pattern NAME = Pattern.compile("step-(\\d{1,18})\\.ckpt");
    private static final String LATEST = "latest";

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file a checkpoint of {@code step} is written to. */
    public Path fileFor(long step) {
        return dir.resolve(String.format("step-%08d.ckpt", step));
    }

    /** Marks {@code file} (inside this folder) as the newest checkpoint and keeps the newest {@code keep}. */
    public void commit(Path file, int keep) throws IOException {
        AtomicFiles.write(dir.resolve(LATEST), (file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).getFileName().equals(file.getFileName())) {
                Files.deleteIfExists(all.get(i));
            }
        }
    }

    /**
     * The newest checkpoint that verifies ({@link Checkpoint#verify}: magic, version, CRC): the one
     * {@code latest} names, else the highest step file; a newer one that fails the check is passed over with
     * one warning line on standard error naming it and the reason, so a damaged file never strands a run.
     * Empty if there is no checkpoint; if none verifies, the newest one's failure is thrown.
     */
    public Optional<Path> latest() {
        List<Path> candidates = candidates();
        CheckpointException firstFailure = null;
        for (Path f : candidates) {
            try {
                Checkpoint.verify(f);
            } catch (CheckpointException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
                continue;
            }
            if (firstFailure != null) {
                System.err.println("warning: " + firstFailure.getMessage() + "; using the newest checkpoint that"
                        + " verifies, " + f.getFileName() + " (pick one with --checkpoint)");
            }
            return Optional.of(f);
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return Optional.empty();
    }

    /** Checkpoints newest first: the one {@code latest} names, then every step file by descending step. */
    private List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        Path pointer = dir.resolve(LATEST);
        try {
            if (Files.isRegularFile(pointer)) {
                // Its first bytes, decoded leniently and matched before they are resolved: a damaged pointer
                // names no file.
                String name;
                try (InputStream in = Files.newInputStream(pointer)) {
                    name = new String(in.readNBytes(64), StandardCharsets.UTF_8).trim();
                }
                if (NAME.matcher(name).matches() && Files.isRegularFile(dir.resolve(name))) {
                    out.add(dir.resolve(name));
                }
            }
            List<Path> all = list();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (!out.contains(all.get(i))) {
                    out.add(all.get(i));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the hidden temporary files that an interrupted atomic write leaves (a kill -9 during a
     * checkpoint: {@code .step-00001000.ckpt.123.tmp}, tens of MB each) in this folder and in {@code runRoot}.
     * Call when a run starts or resumes, never while another process writes the run.
     *
     * @return how many were removed
     */
    public int removeStaleTemporaries(Path runRoot) throws IOException {
        int n = 0;
        for (Path folder : List.of(dir, runRoot)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
                        Files.deleteIfExists(p);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Step checkpoint files, oldest first. */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Long.compare(stepOf(a), stepOf(b)))
                    .forEach(out::add);
        }
        return out;
    }

    /** The step encoded in a checkpoint file name. */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a step checkpoint file");
        }
        return Long.parseLong(m.group(1));
    }
}
