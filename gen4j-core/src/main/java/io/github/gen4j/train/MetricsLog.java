package io.github.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.io.AtomicFiles;
import io.github.gen4j.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, each with {@code "step"} and {@code "kind"}
 * ("train", "eval" or "event"). Lines are flushed as written, so the file can be watched live.
 */
public final class MetricsLog implements AutoCloseable {

    private final Path file;
    private BufferedWriter out;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /**
     * Drops lines logged after {@code step} (they belong to steps a resumed run will redo), keeping the
     * rest; rewritten atomically.
     */
    public void truncateAfter(long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> keep = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.COMPACT.readTree(line);
                if (n.path("step").asLong(Long.MAX_VALUE) <= step) {
                    keep.add(line);
                }
            } catch (IOException e) {
                // a torn last line from a crash: drop it
            }
        }
        AtomicFiles.write(file, (String.join("\n", keep) + (keep.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one record. */
    public void log(long step, String kind, Map<String, ?> values) {
        ObjectNode n = Json.COMPACT.createObjectNode();
        n.put("step", step);
        n.put("kind", kind);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    n.put(e.getKey(), d);
                } else {
                    n.put(e.getKey(), d.toString()); // JSON has no NaN: keep it readable
                }
            } else if (v instanceof Number num) {
                n.put(e.getKey(), num.doubleValue());
            } else {
                n.put(e.getKey(), String.valueOf(v));
            }
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(Json.COMPACT.writeValueAsString(n));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics: " + e.getMessage(), e);
        }
    }

    /** Reads every record of a metrics file (skipping a torn last line). */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                try {
                    out.add(Json.COMPACT.readTree(line));
                } catch (IOException e) {
                    // torn line
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
