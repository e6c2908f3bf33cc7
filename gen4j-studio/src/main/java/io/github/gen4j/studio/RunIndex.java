package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.MetricsLog;
import io.github.gen4j.train.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the studio knows about the run folders under {@code --runs}: found by their {@code config.json}
 * (comparison folders' runs included), summarized from {@code config.json}, {@code status.json} and
 * {@code metrics.jsonl}. Nothing is cached but the parsed metrics, keyed by the file's size and time, so a
 * run being trained elsewhere shows its newest state.
 */
final class RunIndex {

    /** How deep under --runs run folders are looked for (compare-X/runs/family-seedN is 3). */
    private static final int MAX_DEPTH = 3;
    private static final String CONFIG = "config.json";
    private static final Pattern SAMPLE = Pattern.compile("(.+)-step-(\\d+)\\.png");

    private final RunIds ids;
    private final Map<Path, CachedMetrics> metricsCache = new ConcurrentHashMap<>();

    RunIndex(RunIds ids) {
        this.ids = ids;
    }

    RunIds ids() {
        return ids;
    }

    /** One row of the runs table. */
    record RunSummary(String id, String family, String status, String statusMessage, long step, long targetSteps,
            double budgetSeconds, double imagesPerSecond, String heldOutMetric, Double heldOutValue, String created,
            String comparison) {}

    /** One sample grid of a run. */
    record SampleGrid(String kind, long step, String file) {}

    /** Every run folder under --runs, newest first. */
    List<RunSummary> runs() {
        List<RunSummary> out = new ArrayList<>();
        for (Path dir : runFolders()) {
            out.add(summary(dir));
        }
        out.sort(Comparator.comparing(RunSummary::created).reversed().thenComparing(RunSummary::id));
        return out;
    }

    /** The run folders under --runs (directories with a config.json), symbolic links not followed. */
    List<Path> runFolders() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ids.root(), MAX_DEPTH, new FileVisitOption[0])) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                if (!p.equals(ids.root()) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !hidden(ids.root().relativize(p))
                        && Files.isRegularFile(p.resolve(CONFIG), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StudioException(500, ids.root() + ": cannot list run folders: " + e.getMessage());
        }
        return out;
    }

    /** True when a folder on the way is hidden (.trash/run): its runs could not be opened by their id. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The comparison folders under --runs (directories with a settings.json), newest first. */
    List<Path> comparisonFolders() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(ids.root())) {
            s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && Files.isRegularFile(p.resolve(ComparisonFolder.SETTINGS_FILE))).forEach(out::add);
        } catch (IOException e) {
            throw new StudioException(500, ids.root() + ": cannot list comparison folders: " + e.getMessage());
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return out;
    }

    /**
     * The run folder of {@code id}: inside --runs, holding a config.json that is itself inside (404
     * otherwise).
     */
    Path runFolder(String id) {
        Path dir = ids.resolve(id);
        if (ids.inside(dir.resolve(CONFIG)).filter(Files::isRegularFile).isEmpty()) {
            throw new StudioException(404, "'" + id + "' is not a run folder (no config.json)");
        }
        return dir;
    }

    /** The parsed config.json of a run folder. */
    JsonNode config(Path dir) throws IOException {
        Path f = ids.inside(dir.resolve(CONFIG)).orElseThrow(() -> new NoSuchFileException(CONFIG));
        return Json.MAPPER.readTree(f.toFile());
    }

    /** The row of one run folder; a folder whose files cannot be read is shown as failed, with the reason. */
    RunSummary summary(Path dir) {
        String id = ids.idOf(dir);
        String comparison = comparisonOf(dir);
        String created = created(dir);
        JsonNode config;
        try {
            config = config(dir);
        } catch (IOException e) {
            return new RunSummary(id, "?", "failed", "config.json: " + Json.describe(e), 0, 0, 0, 0, null, null,
                    created, comparison);
        }
        String family = config.path("family").asText("?");
        long target = config.path("train").path("steps").asLong(0);
        double budget = config.path("train").path("budgetSeconds").asDouble(0);
        List<JsonNode> metrics;
        String problem = null;
        try {
            metrics = metrics(dir);
        } catch (StudioException e) {
            metrics = List.of();
            problem = e.getMessage();
        }
        long step = 0;
        double rate = 0;
        String heldName = null;
        Double heldValue = null;
        for (JsonNode m : metrics) {
            step = Math.max(step, m.path("step").asLong());
            if ("train".equals(m.path("kind").asText()) && m.has("images_per_s")) {
                rate = m.path("images_per_s").asDouble();
            }
            if ("eval".equals(m.path("kind").asText())) {
                String key = headline(m);
                if (key != null) {
                    heldName = key;
                    heldValue = m.path(key).asDouble();
                }
            }
        }
        Status s = status(dir, step, target);
        String message = problem == null ? s.message : s.message.isEmpty() ? problem : s.message + "; " + problem;
        return new RunSummary(id, family, s.state, message, step, target, budget, rate, heldName, heldValue,
                created, comparison);
    }

    private record Status(String state, String message) {}

    /**
     * training (its process is alive), finished, stopped (by a signal, or killed: its status still says
     * training but the process is gone) or failed. A run without status.json (trained before it existed) is
     * finished when its newest checkpoint reached the configured steps, else stopped.
     */
    private Status status(Path dir, long step, long target) {
        var saved = ids.inside(dir.resolve(RunStatus.FILE)).isPresent() ? RunStatus.read(dir)
                : java.util.Optional.<RunStatus>empty();
        if (saved.isPresent()) {
            RunStatus s = saved.get();
            return switch (s.state()) {
                case TRAINING -> s.processAlive() ? new Status("training", "")
                        : new Status("stopped", "its process " + s.pid() + " ended without saying why (killed?)");
                case FINISHED -> new Status("finished", "");
                case STOPPED -> new Status("stopped", s.message());
                case FAILED -> new Status("failed", s.message());
            };
        }
        long last = 0;
        try {
            for (Path p : new CheckpointStore(dir.resolve("checkpoints")).list()) {
                last = Math.max(last, CheckpointStore.stepOf(p));
            }
        } catch (IOException e) {
            return new Status("failed", "checkpoints: " + e.getMessage());
        }
        return last >= target && target > 0 ? new Status("finished", "") : new Status("stopped", "");
    }

    /** The metric shown in the table: bits/dim where the family has it, else the first value. */
    private static String headline(JsonNode eval) {
        String first = null;
        for (Iterator<String> it = eval.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.equals("step") || k.equals("kind")) {
                continue;
            }
            if (k.endsWith("bpd")) {
                return k;
            }
            if (first == null) {
                first = k;
            }
        }
        return first;
    }

    /** The parsed metrics.jsonl of a run (re-read only when the file changed). */
    List<JsonNode> metrics(Path dir) {
        Path f = ids.inside(dir.resolve("metrics.jsonl")).orElse(null);
        try {
            if (f == null || !Files.isRegularFile(f)) {
                return List.of();
            }
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            CachedMetrics c = metricsCache.get(f);
            if (c != null && c.size == a.size() && c.modified == a.lastModifiedTime().toMillis()) {
                return c.lines;
            }
            List<JsonNode> lines = List.copyOf(MetricsLog.read(f));
            metricsCache.put(f, new CachedMetrics(a.size(), a.lastModifiedTime().toMillis(), lines));
            return lines;
        } catch (IOException e) {
            throw new StudioException(422, ids.idOf(dir) + "/metrics.jsonl: cannot read: "
                    + (e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text" : e.getMessage()));
        }
    }

    private record CachedMetrics(long size, long modified, List<JsonNode> lines) {}

    /** The sample grids a run has written, by kind ("samples", "reconstructions", ...) and step. */
    List<SampleGrid> samples(Path dir) {
        List<SampleGrid> out = new ArrayList<>();
        Path s = ids.inside(dir.resolve("samples")).orElse(null);
        if (s == null || !Files.isDirectory(s)) {
            return out;
        }
        try (Stream<Path> files = Files.list(s)) {
            files.forEach(p -> {
                Matcher m = SAMPLE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new SampleGrid(m.group(1), Long.parseLong(m.group(2)), p.getFileName().toString()));
                }
            });
        } catch (IOException e) {
            throw new StudioException(500, s + ": cannot list: " + e.getMessage());
        }
        out.sort(Comparator.comparing(SampleGrid::kind).thenComparingLong(SampleGrid::step));
        return out;
    }

    /** The checkpoints of a run, oldest first, as {name, step}. */
    List<Map<String, Object>> checkpoints(Path dir) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (Path p : new CheckpointStore(dir.resolve("checkpoints")).list()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", p.getFileName().toString());
                c.put("step", CheckpointStore.stepOf(p));
                out.add(c);
            }
        } catch (IOException e) {
            throw new StudioException(500, dir + ": cannot list checkpoints: " + e.getMessage());
        }
        return out;
    }

    private String comparisonOf(Path dir) {
        Path parent = dir.getParent();
        if (parent != null && parent.getFileName().toString().equals("runs") && parent.getParent() != null
                && Files.isRegularFile(parent.getParent().resolve(ComparisonFolder.SETTINGS_FILE))) {
            return ids.idOf(parent.getParent());
        }
        return null;
    }

    private static String created(Path dir) {
        try {
            return Files.readAttributes(dir.resolve("config.json"), BasicFileAttributes.class).creationTime()
                    .toInstant().toString();
        } catch (IOException e) {
            return Instant.EPOCH.toString();
        }
    }
}
