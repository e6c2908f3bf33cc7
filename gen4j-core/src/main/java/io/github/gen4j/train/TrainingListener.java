package io.github.gen4j.train;

import java.nio.file.Path;
import java.util.Map;

/** Observes a training run (progress bars, tests). All methods default to doing nothing. */
public interface TrainingListener {

    /** Before the first step; {@code startStep} > 0 when resuming. */
    default void onStart(Trainer.Progress progress) {}

    /** After every step with that step's metrics. */
    default void onStep(Trainer.Progress progress, Map<String, Double> metrics) {}

    /** After an evaluation on held-out data. */
    default void onEval(long step, Map<String, Double> metrics) {}

    /** After a checkpoint was committed. */
    default void onCheckpoint(long step, Path file) {}

    /** A human-readable event (rollback, stop request, ...). */
    default void onMessage(String message) {}

    /** After the last step, the final checkpoint and snapshots. */
    default void onEnd(Trainer.Progress progress) {}
}
