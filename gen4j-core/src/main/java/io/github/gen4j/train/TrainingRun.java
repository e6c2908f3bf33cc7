package io.github.gen4j.train;

import ai.djl.Device;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.io.Json;
import java.util.function.Function;

/**
 * A run ready to train: its folder, config, task and data, new or reopened from a checkpoint. This is the
 * family-agnostic part of {@code gen4j train FAMILY} (which adds options, a progress bar and Ctrl-C
 * handling) and of {@code gen4j compare}, so that both train through the same code.
 *
 * @param run the run folder
 * @param config the config written to (or read from) {@code config.json}
 * @param task the family's task
 * @param data the training and held-out images
 * @param resumed true when training continues from the run's newest checkpoint
 */
public record TrainingRun(RunDir run, RunConfig config, TrainingTask task, TrainingData data, boolean resumed) {

    /** A new run of {@code task} on {@code data} in the (empty or new) folder {@code run}. */
    public static TrainingRun start(RunDir run, TrainingTask task, TrainingData data, TrainConfig train) {
        RunConfig config = new RunConfig(Gen4j.VERSION, task.family(), Json.tree(task.modelConfig()), train,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
        return new TrainingRun(run, config, task, data, false);
    }

    /**
     * Reopens {@code run} to continue from its newest checkpoint. The saved model config wins; the data is
     * found again from the saved config by {@code dataFor}; a non-null {@code steps} or {@code budgetSeconds}
     * replaces the saved length (both are totals over all resumes).
     *
     * @param family the family the caller expects (a run of another family is refused)
     * @param tasks rebuilds the task from the saved family and model config (the core knows no family list)
     */
    public static TrainingRun resume(RunDir run, String family, TaskFactory tasks,
            Function<RunConfig, TrainingData> dataFor, Long steps, Double budgetSeconds) {
        RunConfig saved = run.readConfig();
        if (family != null && !saved.family().equals(family)) {
            throw new IllegalArgumentException("--resume: " + run.root() + " is a " + saved.family() + " run, not "
                    + family);
        }
        TrainingData data = dataFor.apply(saved);
        TrainConfig t = saved.train();
        if (steps != null || budgetSeconds != null) {
            t = t.toBuilder().steps(steps != null ? steps : t.steps())
                    .budgetSeconds(budgetSeconds != null ? budgetSeconds : t.budgetSeconds()).build();
        }
        RunConfig config = new RunConfig(Gen4j.VERSION, saved.family(), saved.model(), t, saved.data());
        return new TrainingRun(run, config, tasks.create(saved.family(), saved.model()), data, true);
    }

    /** The trainer of this run on {@code device} (add listeners, then {@link #fit}). */
    public Trainer trainer(Device device) {
        return new Trainer(task, data.train(), data.heldOut(), config, run, device);
    }

    /** Trains with {@code trainer} (from {@link #trainer}), continuing from the checkpoint when resumed. */
    public Trainer.Result fit(Trainer trainer) {
        return trainer.fit(resumed);
    }
}
