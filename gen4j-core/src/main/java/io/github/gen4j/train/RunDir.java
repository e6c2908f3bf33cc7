package io.github.gen4j.train;

import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run folder, the contract between training, sampling, evaluation and reports:
 *
 * <pre>
 * runs/&lt;family&gt;-&lt;timestamp&gt;/
 *   config.json     {@link RunConfig}: rebuilds the model
 *   metrics.jsonl   {@link MetricsLog}
 *   checkpoints/    {@link CheckpointStore}
 *   samples/        PNG grids over time
 *   status.json     {@link RunStatus}: training, finished, stopped or failed, and by which process
 * </pre>
 */
public record RunDir(Path root) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Creates a new, uniquely named run folder {@code parent/family-timestamp}. */
    public static RunDir create(Path parent, String family) {
        String base = family + "-" + LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(parent);
            Path p = parent.resolve(base);
            for (int i = 2; Files.exists(p); i++) {
                p = parent.resolve(base + "-" + i);
            }
            Files.createDirectories(p);
            return new RunDir(p);
        } catch (IOException e) {
            throw new UncheckedIOException(parent + ": cannot create run folder: " + e.getMessage(), e);
        }
    }

    /** Opens an existing run folder; fails with a one-line message if it is not one. */
    public static RunDir open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CheckpointException(root + ": no such run folder");
        }
        if (!Files.isRegularFile(root.resolve("config.json"))) {
            throw new CheckpointException(root + ": not a gen4j run folder (no config.json)");
        }
        return new RunDir(root);
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path metricsFile() {
        return root.resolve("metrics.jsonl");
    }

    public Path samplesDir() {
        return root.resolve("samples");
    }

    public CheckpointStore checkpoints() {
        return new CheckpointStore(root.resolve("checkpoints"));
    }

    public void writeConfig(RunConfig config) {
        Json.write(configFile(), config);
    }

    public RunConfig readConfig() {
        RunConfig c;
        try {
            c = Json.MAPPER.readValue(configFile().toFile(), RunConfig.class);
        } catch (IOException e) {
            throw new CheckpointException(configFile() + ": " + Json.describe(e), e);
        }
        if (c == null) {
            throw new CheckpointException(configFile() + ": empty run config (expected a JSON object)");
        }
        RunConfigCheck.require(c, configFile());
        return c;
    }

}
