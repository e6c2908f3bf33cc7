package io.github.gen4j.compare;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the jobs of one comparison folder from this process: claims a job ({@link JobClaims}), keeps its claim
 * alive while {@link JobRunner} trains and measures it, and writes its result only if the claim is still
 * this process's. Waits where a job cannot start yet: its claim is held by a live process ({@link #runJob}),
 * or the job builds on another job of the same seed that is not done ({@code gan-vaeinit} on {@code vae}).
 */
public final class JobQueue implements AutoCloseable {

    /** How a request to run a job ended. */
    public enum Kind {
        /** The job ran here and its result (ok or failed) is written. */
        DONE,
        /** The job was done before. */
        ALREADY_DONE,
        /** Another live process holds the job. */
        HELD,
        /** Stopped (Ctrl-C) before the job's result was complete; the job is free again. */
        STOPPED,
        /** Another process took the job over (this one was judged dead); nothing was written. */
        LOST,
        /** {@link #runNext}: every job is done or held by a live process. */
        NONE_LEFT
    }

    /** The job asked for (null for {@link Kind#NONE_LEFT}), how it ended, and its result when it ran here. */
    public record Outcome(Job job, Kind kind, JobResult result) {}

    private final CompareContext ctx;
    private final ComparisonFolder folder;
    private final Comparison.Listener listener;
    private final JobClaims claims;
    private final Measurer measurer;
    private final JobRunner runner;
    private final long pollMillis;

    JobQueue(CompareContext ctx, JobClaims claims, long pollMillis) {
        this.ctx = ctx;
        this.folder = ctx.folder();
        this.listener = ctx.listener();
        this.claims = claims;
        this.pollMillis = pollMillis;
        this.measurer = new Measurer(ctx);
        this.runner = new JobRunner(ctx, measurer);
    }

    /** Stops the running job after its current training step; it is given back unfinished. */
    public void requestStop() {
        runner.requestStop();
    }

    /**
     * Runs job {@code index}: waits while another live process holds it (until that process finishes it, or
     * dies and its claim goes stale) or while the job it builds on is not done.
     */
    public Outcome runJob(int index) throws InterruptedException {
        Job job = folder.job(index);
        String waitingFor = null;
        while (!ctx.stopped()) {
            if (folder.isDone(job)) {
                return new Outcome(job, Kind.ALREADY_DONE, folder.result(job));
            }
            Job before = prerequisite(job);
            String reason = before != null ? "waits for " + before.label() + " (job " + before.index()
                    + "), which it builds on" : null;
            if (reason == null) {
                Outcome o = runIfFree(job);
                if (o.kind() != Kind.HELD) {
                    return o;
                }
                reason = "is held by " + claims.describe(claims.status(job)) + "; waiting for it to finish or go"
                        + " stale";
            }
            if (!reason.equals(waitingFor)) {
                listener.onMessage(job.label() + " (job " + index + ") " + reason);
                waitingFor = reason;
            }
            Thread.sleep(pollMillis);
        }
        return new Outcome(job, Kind.STOPPED, null);
    }

    /**
     * Claims and runs the first job (in job order) that is not done, not held by a live process and not
     * waiting for another job; waits while the only such jobs wait for jobs running elsewhere.
     */
    public Outcome runNext() throws InterruptedException {
        boolean announced = false;
        while (!ctx.stopped()) {
            boolean blocked = false;
            for (Job job : folder.plan().jobs()) {
                if (folder.isDone(job)) {
                    continue;
                }
                if (prerequisite(job) != null) {
                    blocked = true;
                    continue;
                }
                Outcome o = runIfFree(job);
                if (o.kind() != Kind.HELD && o.kind() != Kind.ALREADY_DONE) {
                    return o;
                }
            }
            if (!blocked) {
                return new Outcome(null, Kind.NONE_LEFT, null);
            }
            if (!announced) {
                listener.onMessage("every free job waits for a job it builds on; waiting");
                announced = true;
            }
            Thread.sleep(pollMillis);
        }
        return new Outcome(null, Kind.STOPPED, null);
    }

    /** Runs {@code job} if it can be claimed now; {@link Kind#HELD} or {@link Kind#ALREADY_DONE} otherwise. */
    Outcome runIfFree(Job job) {
        Optional<JobClaims.Claim> claimed = claims.tryClaim(job);
        if (claimed.isEmpty()) {
            return folder.isDone(job) ? new Outcome(job, Kind.ALREADY_DONE, folder.result(job))
                    : new Outcome(job, Kind.HELD, null);
        }
        JobClaims.Claim claim = claimed.get();
        AtomicBoolean lost = new AtomicBoolean();
        claim.startHeartbeat(() -> {
            lost.set(true);
            listener.onMessage(job.label() + ": another process took this job over; stopping it here");
            runner.requestStop();
        });
        JobResult r;
        try {
            r = runner.run(job);
        } finally {
            claim.close();
        }
        if (lost.get() || !claim.isCurrent()) {
            return new Outcome(job, Kind.LOST, null);
        }
        if (r == null) {
            claim.release();
            return new Outcome(job, Kind.STOPPED, null);
        }
        folder.writeResult(r);
        claim.release(); // done now; should the job be redone (--retry-failed, measuring again), it is free
        if (!r.ok()) {
            listener.onMessage(job.label() + " failed: " + r.message());
        }
        return new Outcome(job, Kind.DONE, r);
    }

    /** The job of the same seed that {@code job} builds on, when it is not done yet; else null. */
    private Job prerequisite(Job job) {
        String base = ctx.recipes().get(job.family()).requires();
        if (base == null) {
            return null;
        }
        return folder.plan().jobs().stream().filter(j -> j.family().equals(base) && j.seed() == job.seed())
                .filter(j -> !folder.isDone(j)).findFirst().orElse(null);
    }

    /** The report step ({@link ComparisonReport}) with {@code pending} jobs not done. */
    CompareResults report(List<Job> pending) throws IOException {
        return new ComparisonReport(ctx, measurer).write(pending);
    }

    @Override
    public void close() {
        measurer.close();
    }
}
