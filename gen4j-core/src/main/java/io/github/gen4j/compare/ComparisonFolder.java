package io.github.gen4j.compare;

import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A comparison's folder: the contract between the processes that plan it, run its jobs and report on it
 * (on one machine or many sharing the folder). Every file is written atomically (a temporary file moved into
 * place), and each job's files are written only by the process that holds the job's claim.
 *
 * <pre>
 * compare-&lt;timestamp&gt;/
 *   settings.json                     the {@link CompareSettings}
 *   jobs.json                         the {@link Plan}: when it was planned and the {@link Job}s in order
 *   jobs/&lt;family&gt;-seed&lt;S&gt;.claim-G/     the claims of a job ({@link JobClaims})
 *   runs/&lt;family&gt;-seed&lt;S&gt;/            a normal run folder, plus compare-result.json (the job's {@link JobResult})
 *                                     once the job is done
 *   evaluation.json                   the feature network and reference images the runs were measured with
 *   images/, charts/, toy/            sample grids, reconstructions, strips, charts, the 2D toy section
 *   results.json, summary.md, report.html    assembled from the above by the report step
 * </pre>
 */
public final class ComparisonFolder {

    /** File name of a job's result inside its run folder. */
    public static final String RESULT_FILE = "compare-result.json";
    public static final String SETTINGS_FILE = "settings.json";
    public static final String JOBS_FILE = "jobs.json";
    public static final String RESULTS_FILE = "results.json";
    /** Folder of the 2D toy section. */
    public static final String TOY_DIR = "toy";

    private static final String EVALUATION_FILE = "evaluation.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * The job list of a comparison.
     *
     * @param created when the comparison was first planned (ISO-8601); kept when a --resume plans again
     * @param jobs every job, in order ({@link Job#of})
     */
    public record Plan(String created, List<Job> jobs) {}

    private final Path dir;

    public ComparisonFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * The planned comparison in {@code dir}; a one-line error naming {@code option} (the CLI's argument) when
     * {@code dir} holds no plan.
     */
    public static ComparisonFolder open(Path dir, String option) {
        ComparisonFolder f = new ComparisonFolder(dir);
        if (!Files.isRegularFile(f.file(SETTINGS_FILE)) || !Files.isRegularFile(f.file(JOBS_FILE))) {
            throw new IllegalArgumentException(option + ": " + dir + " is not a comparison folder (no "
                    + (Files.isRegularFile(f.file(SETTINGS_FILE)) ? JOBS_FILE : SETTINGS_FILE) + ")");
        }
        return f;
    }

    /**
     * The settings saved in the comparison folder {@code dir}; a one-line error naming {@code option} when it
     * has none.
     */
    public static CompareSettings savedSettings(Path dir, String option) {
        ComparisonFolder f = new ComparisonFolder(dir);
        if (!Files.isRegularFile(f.file(SETTINGS_FILE))) {
            throw new IllegalArgumentException(option + ": " + dir + " is not a comparison folder (no "
                    + SETTINGS_FILE + ")");
        }
        try {
            return f.settings();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** A {@code compare-<timestamp>} path under {@code parent} that does not exist yet. */
    public static Path freshName(Path parent) {
        String base = "compare-" + LocalDateTime.now().format(STAMP);
        Path p = parent.resolve(base);
        for (int i = 2; Files.exists(p); i++) {
            p = parent.resolve(base + "-" + i);
        }
        return p;
    }

    /** A new, uniquely named {@code compare-<timestamp>} folder under {@code parent}. */
    public static Path newFolder(Path parent) {
        try {
            return Files.createDirectories(freshName(parent));
        } catch (IOException e) {
            throw new UncheckedIOException(parent + ": cannot create the comparison folder: " + e.getMessage(), e);
        }
    }

    /** The run folder of one family and seed in the comparison folder {@code dir}. */
    public static Path runFolder(Path dir, String family, long seed) {
        return dir.resolve("runs").resolve(family + "-seed" + seed);
    }

    public Path dir() {
        return dir;
    }

    /** The run folder of {@code job}. */
    public Path runFolder(Job job) {
        return runFolder(dir, job.family(), job.seed());
    }

    /** Where the claims of the jobs live. */
    public Path claimsDir() {
        return dir.resolve("jobs");
    }

    public Path imagesDir() {
        return dir.resolve("images");
    }

    public Path toyDir() {
        return dir.resolve(TOY_DIR);
    }

    /**
     * Writes the settings and their job list (creating the folder); a comparison planned before keeps its
     * creation time (--resume may add jobs: they are numbered again, the claims go by job name).
     */
    public Plan plan(CompareSettings settings) throws IOException {
        Files.createDirectories(claimsDir());
        String created = Files.isRegularFile(file(JOBS_FILE)) ? plan().created() : Instant.now().toString();
        Plan p = new Plan(created, Job.of(settings));
        Json.write(file(SETTINGS_FILE), settings);
        Json.write(file(JOBS_FILE), p);
        return p;
    }

    public CompareSettings settings() {
        return read(SETTINGS_FILE, CompareSettings.class);
    }

    public Plan plan() {
        return read(JOBS_FILE, Plan.class);
    }

    /** The job numbered {@code index}; a one-line error naming {@code --job} otherwise. */
    public Job job(int index) {
        List<Job> jobs = plan().jobs();
        if (index < 0 || index >= jobs.size()) {
            throw new IllegalArgumentException("--job: " + index + " is not a job of " + dir + " (jobs 0 to "
                    + (jobs.size() - 1) + ")");
        }
        return jobs.get(index);
    }

    /** The result of {@code job}, or null when it has none (not run yet, or unreadable: to be done again). */
    public JobResult result(Job job) {
        Path f = runFolder(job).resolve(RESULT_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), JobResult.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code job} is done: it has a result that is final (ok, or failed in training; a run that failed
     * while being measured is measured again).
     */
    public boolean isDone(Job job) {
        JobResult r = result(job);
        return r != null && !r.failedInMeasuring();
    }

    /** Writes {@code r} as the result of its job, atomically. */
    public void writeResult(JobResult r) {
        Json.write(dir.resolve(r.run()).resolve(RESULT_FILE), r);
    }

    /**
     * Renames a failed job's run folder to {@code <name>.failed-N} (the first free N), so that the job runs
     * again from scratch; returns the new path.
     */
    public Path setAside(Job job) throws IOException {
        Path runDir = runFolder(job);
        Path aside = runDir.resolveSibling(runDir.getFileName() + ".failed-1");
        for (int i = 2; Files.exists(aside); i++) {
            aside = runDir.resolveSibling(runDir.getFileName() + ".failed-" + i);
        }
        return Files.move(runDir, aside, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The feature network and reference the runs were measured with (from a comparison of an earlier version:
     * its results.json), or an empty map before any was.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> evaluation() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (Files.isRegularFile(file(EVALUATION_FILE))) {
            out.putAll(read(EVALUATION_FILE, Map.class));
        } else if (Files.isRegularFile(file(RESULTS_FILE))
                && read(RESULTS_FILE, Map.class).get("evaluation") instanceof Map<?, ?> m) {
            out.putAll((Map<String, Object>) m);
        }
        return out;
    }

    /** Records what the runs are measured with (every process measures with the same, so any may write it). */
    public void writeEvaluation(Map<String, Object> evaluation) {
        Json.write(file(EVALUATION_FILE), evaluation);
    }

    /** The toy section's metrics.json, or a note saying it is missing. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toy() {
        Path f = toyDir().resolve("metrics.json");
        if (!Files.isRegularFile(f)) {
            return Map.of("note", "not measured in this comparison");
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), Map.class);
        } catch (IOException e) {
            return Map.of("note", f + ": unreadable: " + e.getMessage());
        }
    }

    /** Writes results.json. */
    public void writeResults(CompareResults results) {
        Json.write(file(RESULTS_FILE), results);
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private <T> T read(String name, Class<T> type) {
        Path f = file(name);
        try {
            return Json.MAPPER.readValue(f.toFile(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": unreadable: " + e.getMessage(), e);
        }
    }
}
