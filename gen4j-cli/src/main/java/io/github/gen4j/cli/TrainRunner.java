package io.github.gen4j.cli;

import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingRun;
import io.github.gen4j.train.TrainingTask;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/**
 * What every {@code gen4j train FAMILY} command does once the family has built its task: load the data,
 * create (or reopen) the run folder, train with a progress bar, stop cleanly on Ctrl-C, and say where
 * everything went.
 */
final class TrainRunner {

    private TrainRunner() {}

    /**
     * @param family the family name
     * @param taskFor builds the task for the loaded data (ignored when resuming: the saved config wins)
     * @param schedule {@link TrainConfig}'s defaults with the family's tuning (learning rate, warm-up, EMA, ...),
     *     under the options given (ignored when resuming)
     */
    static int run(String family, CommonOptions common, DataOptions dataOpts, TrainOptions opts,
            Function<TrainingData, TrainingTask> taskFor, TrainConfig.Builder schedule, PrintWriter out) {
        return run(family, common, dataOpts, opts, taskFor, schedule, out, null);
    }

    /** As above; {@code after} (if not null) gets the run folder, task and data once training has ended. */
    static int run(String family, CommonOptions common, DataOptions dataOpts, TrainOptions opts,
            Function<TrainingData, TrainingTask> taskFor, TrainConfig.Builder schedule, PrintWriter out,
            AfterTraining after) {
        TrainingRun tr;
        if (opts.resume != null) {
            tr = TrainingRun.resume(RunDir.open(opts.resume), family, FamilyRegistry::task, saved -> {
                // the images the run trained on: its first --limit images unless --limit is given again
                int trained = saved.data().trainSize();
                int limit = dataOpts.limit > 0 ? dataOpts.limit : trained;
                TrainingData d = TrainingData.resolve(dataOpts.data != null ? dataOpts.data : saved.data().spec(),
                        System.getenv(), dataOpts.folderOptions(saved.data().height(), saved.data().channels()),
                        limit, saved.train().seed());
                out.println(d.note());
                if (trained > 0 && d.train().size() != trained) {
                    System.err.println("warning: resuming on " + d.train().size() + " training images; the run"
                            + " trained on " + trained + " until now");
                }
                return d;
            }, opts.steps, opts.budget);
        } else {
            var config = opts.toConfig(schedule, common.seed); // bad options fail before any work is done
            TrainingData d = dataOpts.load(common.seed);
            out.println(d.note());
            TrainingTask t = taskFor.apply(d);
            Batcher.requireOneBatch(d.train(), config.batchSize()); // and so does a batch larger than the data
            tr = TrainingRun.start(RunDir.create(opts.out, family), t, d, config);
        }
        RunDir run = tr.run();
        TrainingTask task = tr.task();
        TrainingData data = tr.data();
        out.printf("train: %s, held out: %s%n", data.train(), data.heldOut());
        out.println("run folder: " + run.root());
        Trainer trainer = tr.trainer(common.device());
        trainer.addListener(new ProgressListener("train " + family, out));
        if (opts.profile != null) {
            trainer.addListener(new ProfileListener(opts.profile, 20, 25));
        }
        // Ctrl-C (SIGINT) and SIGTERM ask the loop to stop after the current step and write a checkpoint;
        // the JVM is not shut down meanwhile (DJL's own shutdown hook would free the native memory the
        // checkpoint is being written from). A second signal ends the process at once.
        StopSignals signals = StopSignals.install(trainer::requestStop);
        Trainer.Result r;
        try {
            r = tr.fit(trainer);
        } finally {
            signals.restore();
        }
        out.printf("done: %d steps in %.0f s (%.0f images/s)%s%n", r.steps(), r.elapsedSeconds(),
                r.imagesPerSecond(), r.stoppedEarly() ? ", stopped early" : "");
        for (Map.Entry<String, Double> e : r.lastEval().entrySet()) {
            out.printf("  held-out %s = %.4f%n", e.getKey(), e.getValue());
        }
        out.println("checkpoint: " + r.lastCheckpoint());
        if (r.stoppedEarly() && signals.exitCode() != 0) {
            out.println("stopped by a signal: resume with gen4j train " + family + " --resume " + run.root());
            return signals.exitCode();
        }
        if (after != null) {
            try {
                return after.accept(run, task, data);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(run.root() + ": " + e.getMessage(), e);
            }
        }
        out.println("samples:    " + run.samplesDir());
        out.println("next:       gen4j sample " + run.root() + "   |   gen4j eval " + run.root());
        return 0;
    }

    /** What a command does with a finished run (e.g. export a classifier); returns the exit code. */
    interface AfterTraining {
        int accept(RunDir run, TrainingTask task, TrainingData data) throws java.io.IOException;
    }
}
