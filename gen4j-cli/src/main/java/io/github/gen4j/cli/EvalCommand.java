package io.github.gen4j.cli;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.eval.Likelihoods;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.model.Runs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j eval RUN}: likelihood bounds on held-out images, written to RUN/eval.json. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a trained model on held-out images (never trained on); writes RUN/eval.json.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Option(names = {"-n", "--n"}, defaultValue = "0", description = "Held-out images to use (0 = all).")
    int n;

    @Option(names = "--iwae-k", defaultValue = "100", description = "Importance samples per image for the IWAE bound; for diffusion, timesteps per image of the "
                    + "variational bound (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--batch-size", defaultValue = "25", description = "Images per pass (each uses k decoder evaluations; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--data", paramLabel = "PATH", description = "Data to take held-out images from (default: the run's).")
    String data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (k <= 0 || batchSize <= 0 || n < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iwae-k and --batch-size must be > 0, --n >= 0");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (Runs.Loaded model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            TrainingData td = RunData.of(model.config(), data);
            ImageDataset test = td.heldOut();
            if (test.size() == 0) {
                throw new IllegalArgumentException("the run's data has no held-out images to evaluate on");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("run", runOpts.run.toString());
            result.put("family", model.config().family());
            result.put("checkpoint", model.checkpoint().getFileName().toString());
            result.put("step", model.step());
            result.put("parameters", model.parameterCount());
            result.put("heldOut", test.toString());
            if (model.task() instanceof LikelihoodModel lm) {
                int total = n <= 0 ? test.size() : Math.min(n, test.size());
                long t0 = System.nanoTime();
                Map<String, Double> bounds;
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build()) {
                    bounds = Likelihoods.evaluate(lm, model.manager(), test, total, k, batchSize, common.seed,
                            bar::stepTo);
                }
                result.put("likelihood", bounds);
                result.put("likelihoodSeconds", (System.nanoTime() - t0) / 1e9);
                pw.printf("held-out images: %d (%s)%n", total, test.name());
                bounds.forEach((key, v) -> pw.printf("  %-12s %.4f%n", key, v));
            } else {
                pw.println("likelihood: not defined for a " + model.config().family() + " model");
                result.put("likelihood", "not defined for this family");
            }
            Path file = runOpts.run.resolve("eval.json");
            Json.write(file, result);
            pw.println("written: " + file);
        }
        return 0;
    }
}
