package io.github.gen4j.cli;

import io.github.gen4j.compare.Comparison;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over a whole comparison: each run is 1,000 units, 800 for training (by steps or budget)
 * and 200 for the measurements; the message names the run and its step. Lines (skips, failures) are printed
 * above the bar.
 */
final class CompareBar implements Comparison.Listener, AutoCloseable {

    private static final int WIDTH = 110;
    private static final long PER_RUN = 1000;
    private static final long TRAINING = 800;

    private final PrintWriter out;
    private final ProgressBar bar;
    private long base;

    CompareBar(int runs, PrintWriter out) {
        this.out = out;
        this.bar = new ProgressBarBuilder().setTaskName("compare").setInitialMax(runs * PER_RUN)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).setMaxRenderedLength(WIDTH)
                .setConsumer(new ConsoleProgressBarConsumer(System.out, WIDTH)).build();
    }

    @Override
    public void onRun(int index, int total, String family, long seed) {
        base = index * PER_RUN;
        bar.stepTo(base);
        bar.setExtraMessage(" " + family + " seed " + seed + " (" + (index + 1) + "/" + total + ")");
    }

    @Override
    public void onProgress(double fraction, String status) {
        boolean measuring = status.endsWith("measuring");
        bar.stepTo(base + (measuring ? TRAINING : Math.round(Math.min(1, fraction) * TRAINING)));
        bar.setExtraMessage(" " + status);
    }

    @Override
    public void onMessage(String message) {
        out.print("\r" + " ".repeat(WIDTH) + "\r");
        out.println(message);
        out.flush();
    }

    @Override
    public void close() {
        bar.stepTo(bar.getMax());
        bar.close();
    }
}
