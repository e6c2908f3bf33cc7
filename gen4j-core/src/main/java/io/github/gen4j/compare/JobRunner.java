package io.github.gen4j.compare;

import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one job of a comparison: trains its run through {@link TrainingRun} (the code path of
 * {@code gen4j train}) under the comparison's budget, or continues it from its newest checkpoint when its
 * run folder has one (a job interrupted, or taken over from a process that died), then measures it with the
 * {@link Measurer}, latent space included. A run that fails (diverges, throws) gives a failed result with
 * its message and the checkpoints it saved before. The caller holds the job's claim and writes the result.
 */
final class JobRunner {

    /**
     * Non-finite losses or gradients a run survives by reloading its newest good checkpoint at half the
     * learning rate; one more fails the run. A comparison runs unattended, so it rolls back where
     * {@code gen4j train} stops by default; each run's {@code rollbacks} count is a metric of its stability.
     */
    public static final int MAX_ROLLBACKS = 3;

    private final CompareContext ctx;
    private final ComparisonFolder folder;
    private final Measurer measurer;
    private final Comparison.Listener listener;
    private volatile Trainer current;

    JobRunner(CompareContext ctx, Measurer measurer) {
        this.ctx = ctx;
        this.folder = ctx.folder();
        this.measurer = measurer;
        this.listener = ctx.listener();
    }

    /**
     * Stops after the current training step (checkpointed); the job's {@link #run} then returns null. The
     * flag is shared with the {@link Measurer}, which stops between checkpoints.
     */
    void requestStop() {
        ctx.stop().set(true);
        Trainer t = current;
        if (t != null) {
            t.requestStop();
        }
    }

    /** Trains (or continues) and measures {@code job}; null if stopped before its result was complete. */
    JobResult run(Job job) {
        FamilyRecipe recipe = ctx.recipes().get(job.family());
        Path runDir = folder.runFolder(job);
        long t0 = System.nanoTime();
        String phase = "";
        try {
            TrainingRun tr;
            RunDir rd = new RunDir(runDir);
            // latest() reads and CRC-checks the whole file (and warns on a fallback): look it up once
            Optional<Path> latest = Files.isRegularFile(rd.configFile()) ? rd.checkpoints().latest() : Optional.empty();
            if (latest.isPresent()) {
                tr = TrainingRun.resume(rd, recipe.family(), FamilyRegistry::task, saved -> ctx.data(), null, null);
                listener.onMessage(job.label() + ": continuing from " + latest.get());
            } else {
                Files.createDirectories(runDir);
                tr = TrainingRun.start(rd, recipe.task(ctx.data().train(), ctx.settings().scale(),
                        new FamilyRecipe.Context(folder.dir(), job.seed(), ctx.device())), ctx.data(),
                        trainConfig(recipe, job.seed()));
            }
            Trainer trainer = tr.trainer(ctx.device());
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                    listener.onProgress(p.fraction(), String.format(Locale.ROOT, "%s: step %d", job.label(),
                            p.step()));
                }
            });
            current = trainer;
            if (ctx.stopped()) {
                return null;
            }
            Trainer.Result r = tr.fit(trainer);
            current = null;
            if (r.stoppedEarly()) {
                return null;
            }
            listener.onProgress(1, job.label() + ": measuring");
            phase = JobResult.MEASURING;
            JobResult measured = measurer.finished(job, recipe, r);
            return ctx.stopped() ? null : measurer.withLatent(job, measured);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            current = null;
            if (ctx.stopped()) {
                return null; // Ctrl-C (or the claim was lost): the job stays unfinished
            }
            String msg = phase + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            int nl = msg.indexOf('\n');
            JobResult failed = new JobResult(job.family(), job.seed(), JobResult.FAILED, nl < 0 ? msg
                    : msg.substring(0, nl), measurer.relative(job), Map.of(), Map.of(), Map.of(), List.of(), null,
                    null, (System.nanoTime() - t0) / 1e9, Instant.now().toString(), null);
            boolean inTraining = phase.isEmpty() && !(e instanceof OutOfMemoryError);
            return inTraining ? measurer.beforeFailure(job, recipe, failed) : failed;
        }
    }

    /**
     * The shared training settings, {@link TrainConfig}'s defaults (those of {@code gen4j train} without
     * options) except what a comparison needs, tuned by the family: the comparison's length, batch and seed;
     * checkpoints at {@code curvePoints} equal fractions of the length for the curves (kept until measured); a
     * denser loss curve for short runs; and rollback on NaN (see {@link #MAX_ROLLBACKS}).
     */
    TrainConfig trainConfig(FamilyRecipe recipe, long seed) {
        CompareSettings settings = ctx.settings();
        int points = settings.curvePoints();
        long steps = settings.steps();
        double budget = settings.budgetSeconds();
        int every = steps > 0 ? (int) Math.max(1, steps / points) : Integer.MAX_VALUE;
        // by budget only: a checkpoint every budget/points seconds of training (the step count is unknown)
        double seconds = steps > 0 ? 0 : budget / points;
        // a loss curve of some 20+ points even for short runs (gen4j train logs every DEFAULT_LOG_EVERY steps)
        int logEvery = steps > 0 ? (int) Math.max(1, Math.min(TrainConfig.DEFAULT_LOG_EVERY, steps / 20))
                : budget < 300 ? 10 : TrainConfig.DEFAULT_LOG_EVERY;
        TrainConfig shared = TrainConfig.builder().steps(steps).budgetSeconds(budget).batchSize(settings.batchSize())
                .logEvery(logEvery).checkpointEvery(every).checkpointSeconds(seconds).keepCheckpoints(points + 2)
                .nanPolicy(TrainConfig.NanPolicy.ROLLBACK).maxRollbacks(MAX_ROLLBACKS).seed(seed).build();
        return recipe.adjust(shared);
    }
}
