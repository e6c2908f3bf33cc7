package io.github.gen4j.train;

import io.github.gen4j.io.AtomicFiles;
import java.io.IOException;
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

    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");
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
     * The newest checkpoint: the one {@code latest} names if it exists, else the highest step file.
     */
    public Optional<Path> latest() {
        Path pointer = dir.resolve(LATEST);
        try {
            if (Files.isRegularFile(pointer)) {
                String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
                Path f = dir.resolve(name);
                if (NAME.matcher(name).matches() && Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
            List<Path> all = list();
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
