package io.github.gen4j.cli;

import io.github.gen4j.Gen4j;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j bench memory}: trains the default VAE for many steps and prints the process's resident
 * memory as it goes, to show that native memory does not grow (every step's tensors are freed).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmarks: 'memory' trains N steps and prints resident memory (RSS) along the way.")
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "memory")
    String what;

    @Mixin CommonOptions common;
    @Mixin DataOptions data;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--every", defaultValue = "250", description = "Print RSS every this many steps (default: ${DEFAULT-VALUE}).")
    int every;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!what.equals("memory")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown benchmark '" + what + "' (known: memory)");
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainingData d = data.load(common.seed);
        out.println(d.note());
        VaeTask task = new VaeTask(VaeConfig.defaults(d.train().channels(), d.train().height()));
        TrainConfig t = new TrainConfig(steps, 0, batchSize, 2e-3, 0.9, 0.999, 0, 100, true, 0.05, 100, 0.999,
                50, 0, 0, steps, 0, 1, TrainConfig.NanPolicy.STOP, 0, common.seed);
        Path tmp = Files.createTempDirectory("gen4j-bench-");
        RunConfig rc = new RunConfig(Gen4j.VERSION, "vae", Json.tree(task.modelConfig()), t,
                RunConfig.DataInfo.of(d.note(), d.spec(), d.train(), d.heldOut()));
        List<long[]> rows = new ArrayList<>();
        Trainer trainer = new Trainer(task, d.train(), d.heldOut(), rc, new RunDir(tmp), common.device());
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 1 || p.step() % every == 0) {
                    long rss = rssKb();
                    rows.add(new long[] {p.step(), rss});
                    out.printf("step %6d  rss %,8d KiB  %6.0f img/s%n", p.step(), rss, p.imagesPerSecond());
                    out.flush();
                }
            }
        });
        trainer.fit(false);
        long first = rows.get(0)[1];
        long last = rows.get(rows.size() - 1)[1];
        // the first steps allocate PyTorch's caches; growth is measured from the first logged interval
        long base = rows.size() > 1 ? rows.get(1)[1] : first;
        out.printf("RSS after step 1: %,d KiB; after step %d: %,d KiB; at the end (step %d): %,d KiB;"
                + " growth after warm-up: %+.1f%%%n", first, rows.size() > 1 ? rows.get(1)[0] : 1, base,
                rows.get(rows.size() - 1)[0], last, 100.0 * (last - base) / base);
        deleteTree(tmp);
        return 0;
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
