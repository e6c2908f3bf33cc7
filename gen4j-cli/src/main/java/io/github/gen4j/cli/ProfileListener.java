package io.github.gen4j.cli;

import ai.djl.pytorch.jni.JniUtils;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code train --profile FILE}: records a few training steps with PyTorch's profiler (through DJL's
 * {@code JniUtils.startProfile}) and writes them as a Chrome trace, which {@code bench/profile_summary.py}
 * turns into a table of self time per operator. Steps {@code from + 1 .. to} are recorded: the first steps
 * of a run pay one-time costs (allocator growth, lazy initialization) that a profile should not show.
 */
final class ProfileListener implements TrainingListener {

    private final Path file;
    private final long from;
    private final long to;
    private boolean recording;

    ProfileListener(Path file, long from, long to) {
        this.file = file;
        this.from = from;
        this.to = to;
    }

    @Override
    public void onStart(Trainer.Progress progress) {
        maybeStart(progress.step());
    }

    @Override
    public void onStep(Trainer.Progress progress, Map<String, Double> metrics) {
        long step = progress.step();
        if (recording && step >= to) {
            stop();
        } else {
            maybeStart(step);
        }
    }

    @Override
    public void onEnd(Trainer.Progress progress) {
        if (recording) {
            stop();
        }
    }

    private void maybeStart(long completedSteps) {
        if (!recording && completedSteps == from) {
            JniUtils.startProfile(false, false, false);
            recording = true;
        }
    }

    private void stop() {
        recording = false;
        JniUtils.stopProfile(file.toAbsolutePath().toString());
    }
}
