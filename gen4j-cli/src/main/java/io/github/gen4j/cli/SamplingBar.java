package io.github.gen4j.cli;

import io.github.gen4j.model.SamplingProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the steps of a multi-step sampler, across several generate calls (batches). It
 * appears on the first reported step, so one-pass families (VAE) show none.
 */
final class SamplingBar implements SamplingProgress, AutoCloseable {

    private final String task;
    private final int calls;
    private int call;
    private ProgressBar bar;

    /** @param calls how many generate calls (batches) the bar spans */
    SamplingBar(String task, int calls) {
        this.task = task;
        this.calls = Math.max(1, calls);
    }

    /** The next reports belong to generate call {@code index} (0-based). */
    void call(int index) {
        this.call = index;
    }

    @Override
    public void onStep(int done, int total) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax((long) total * calls)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
        }
        bar.stepTo((long) call * total + done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
