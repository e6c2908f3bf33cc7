package io.github.gen4j.compare;

import ai.djl.Device;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A comparison of families under one budget, as independent jobs (one per family and seed) over a shared
 * {@link ComparisonFolder}: {@link #plan} writes the settings and the job list, {@link JobQueue#runJob} and
 * {@link JobQueue#runNext} claim ({@link JobClaims}), train and measure one job, from any process on any
 * machine sharing the folder, and {@link #report} writes the report once every job is done. {@link #run} is
 * the one-command comparison built on the same pieces: plan, every job in order, report; with {@code resume},
 * done jobs are kept, a half-trained run continues from its newest checkpoint and a run that failed while
 * being measured is measured again.
 */
public final class Comparison {

    /** What a comparison reports while it works (one overall progress display). */
    public interface Listener {
        /** A job starts: {@code index} of {@code total} (0-based). */
        default void onRun(int index, int total, String family, long seed) {}

        /** Within the current job: fraction of training done, and a short status. */
        default void onProgress(double fraction, String status) {}

        /** A line worth showing (a skipped job, a failure, a claim waited for). */
        default void onMessage(String message) {}
    }

    /** How long a claim may go without a heartbeat before another process takes its job over. */
    public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(10);

    private final CompareSettings settings;
    private final FamilyRecipes recipes;
    private final Device device;
    private final Listener listener;
    private boolean retryFailed;
    private Duration claimTimeout = DEFAULT_CLAIM_TIMEOUT;
    private volatile boolean stop;
    private volatile JobQueue queue;

    public Comparison(CompareSettings settings, FamilyRecipes recipes, Device device, Listener listener) {
        this.settings = settings;
        this.recipes = recipes;
        this.device = device;
        this.listener = listener == null ? new Listener() { } : listener;
        settings.families().forEach(recipes::get); // unknown families fail before anything is written
        for (String name : settings.families()) {
            String base = recipes.get(name).requires();
            if (base != null && (settings.families().indexOf(base) < 0
                    || settings.families().indexOf(base) > settings.families().indexOf(name)
                    || settings.seeds().get(base) < settings.seeds().get(name))) {
                throw new IllegalArgumentException("--families: " + name + " builds on the " + base + " run of the same"
                        + " seed: list " + base + " before it, with at least as many --seeds");
            }
        }
    }

    /** The comparison planned in {@code folder}, with its saved settings. */
    public static Comparison of(ComparisonFolder folder, FamilyRecipes recipes, Device device, Listener listener) {
        return new Comparison(folder.settings(), recipes, device, listener);
    }

    /**
     * With {@link #run}: also redo jobs that failed in training (by default a failure is a result), from
     * scratch with the current settings; the failed run's folder is kept as {@code <run>.failed-N}. (A job
     * that failed while being measured is always measured again, from its final checkpoint.)
     */
    public Comparison retryFailed(boolean r) {
        retryFailed = r;
        return this;
    }

    /** How long a claim may go without a heartbeat before its job is taken over ({@link JobClaims}). */
    public Comparison claimTimeout(Duration timeout) {
        claimTimeout = timeout;
        return this;
    }

    /** Stops after the current training step (checkpointed); unfinished jobs stay for a later run. */
    public void requestStop() {
        stop = true;
        JobQueue q = queue;
        if (q != null) {
            q.requestStop();
        }
    }

    /**
     * Writes the settings and the job list into {@code dir} (created if needed); the data is resolved first,
     * so that a bad {@code --data} fails before anything is written.
     */
    public ComparisonFolder plan(Path dir) throws IOException {
        data();
        ComparisonFolder folder = new ComparisonFolder(dir);
        folder.plan(settings);
        return folder;
    }

    /**
     * The job queue of {@code folder} (planned with this comparison's settings), to run jobs from; close it
     * when done (it holds the feature network).
     */
    public JobQueue jobs(ComparisonFolder folder) {
        TrainingData data = data();
        long poll = Math.max(200, Math.min(5000, claimTimeout.toMillis() / 20));
        CompareContext ctx = new CompareContext(folder, folder.settings(), recipes, data, device, listener,
                new AtomicBoolean());
        JobQueue q = new JobQueue(ctx, new JobClaims(folder, claimTimeout), poll);
        queue = q;
        if (stop) {
            q.requestStop();
        }
        return q;
    }

    /**
     * Writes results.json and the report of {@code folder} after measuring what is left (the toy section);
     * fails with {@link UnfinishedJobsException} while a job is not done.
     */
    public CompareResults report(ComparisonFolder folder) throws IOException {
        List<Job> unfinished = folder.plan().jobs().stream().filter(j -> !folder.isDone(j)).toList();
        if (!unfinished.isEmpty()) {
            throw new UnfinishedJobsException(folder, unfinished);
        }
        try (JobQueue q = jobs(folder)) {
            return q.report(List.of());
        }
    }

    /** Plans {@code dir}, runs every job not done yet in order, then writes results.json and the report. */
    public CompareResults run(Path dir) throws IOException {
        ComparisonFolder folder = plan(dir);
        List<Job> jobs = folder.plan().jobs();
        List<Job> pending = new ArrayList<>();
        try (JobQueue q = jobs(folder)) {
            for (Job job : jobs) {
                JobResult previous = folder.result(job);
                if (previous != null && previous.failedInTraining() && retryFailed && !stop) {
                    listener.onMessage(job.label() + ": training again; the failed run is kept in "
                            + folder.setAside(job));
                } else if (previous != null && !previous.failedInMeasuring()) {
                    listener.onMessage("skipping " + job.label() + ": already " + previous.status());
                    continue;
                } else if (previous != null && !stop) {
                    listener.onMessage(job.label() + ": measuring again (it failed while being measured)");
                }
                if (stop) {
                    pending.add(job);
                    continue;
                }
                listener.onRun(job.index(), jobs.size(), job.family(), job.seed());
                JobQueue.Outcome o = q.runIfFree(job);
                if (o.kind() != JobQueue.Kind.DONE && o.kind() != JobQueue.Kind.ALREADY_DONE) {
                    pending.add(job);
                }
            }
            return q.report(pending);
        }
    }

    private TrainingData data() {
        TrainingData data = TrainingData.resolve(settings.data(), System.getenv(), ImageFolderOptions.defaults(),
                settings.limit(), settings.baseSeed());
        listener.onMessage(data.note());
        if (data.heldOut().size() < 2) {
            throw new IllegalArgumentException("--data: " + data.heldOut().size() + " held-out images; the comparison"
                    + " needs held-out images the models are not trained on");
        }
        return data;
    }
}
