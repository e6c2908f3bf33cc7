package io.github.gen4j.cli;

import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a bar over steps (or over the wall-clock budget, in tenths of a second)
 * with the step, loss and images/s as its message and the library's ETA; evaluations, checkpoints and
 * events are printed as lines.
 */
final class ProgressListener implements TrainingListener {

    private static final int WIDTH = 110;

    private final String task;
    private final PrintWriter out;
    private ProgressBar bar;
    private boolean byTime;
    /** Smoothed (EMA 0.9) value of every logged loss: "loss", or a GAN's "loss_d" and "loss_g". */
    private final Map<String, Double> losses = new TreeMap<>();

    ProgressListener(String task, PrintWriter out) {
        this.task = task;
        this.out = out;
    }

    @Override
    public void onStart(Trainer.Progress p) {
        byTime = p.totalSteps() == 0;
        long max = byTime ? Math.round(p.budgetSeconds() * 10) : p.totalSteps();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).setMaxRenderedLength(WIDTH)
                .setConsumer(new ConsoleProgressBarConsumer(System.out, WIDTH)).build();
        bar.stepTo(position(p));
        out.printf("model: %,d parameters%n", p.parameterCount());
    }

    private long position(Trainer.Progress p) {
        return byTime ? Math.min(Math.round(p.elapsedSeconds() * 10), bar.getMax()) : p.step();
    }

    @Override
    public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
        metrics.forEach((k, v) -> {
            if (k.startsWith("loss") && Double.isFinite(v)) {
                losses.merge(k, v, (old, now) -> 0.9 * old + 0.1 * now);
            }
        });
        StringBuilder sb = new StringBuilder(String.format(" step %d", p.step()));
        // "loss 0.1234", or for several losses their suffixes only ("d 1.301 g 0.603") to keep the bar short
        losses.forEach((k, v) -> sb.append(losses.size() == 1 ? String.format(" %s %.4f", k, v)
                : String.format(" %s %.3f", k.startsWith("loss_") ? k.substring(5) : k, v)));
        bar.stepTo(position(p));
        bar.setExtraMessage(sb.append(String.format(" %.0f img/s", p.imagesPerSecond())).toString());
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder("eval @ step " + step + ":");
        metrics.forEach((k, v) -> sb.append(String.format(" %s=%.4f", k, v)));
        message(sb.toString());
    }

    @Override
    public void onCheckpoint(long step, Path file) {}

    @Override
    public void onMessage(String message) {
        message(message);
    }

    private void message(String s) {
        if (bar != null) {
            out.print("\r" + " ".repeat(WIDTH) + "\r"); // clear the bar's line; it redraws below
        }
        out.println(s);
        out.flush();
    }

    @Override
    public void onEnd(Trainer.Progress p) {
        if (bar != null) {
            bar.stepTo(bar.getMax() > 0 && !byTime ? p.step() : bar.getMax());
            bar.close();
        }
    }
}
