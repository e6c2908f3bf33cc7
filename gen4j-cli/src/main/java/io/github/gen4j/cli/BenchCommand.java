package io.github.gen4j.cli;

import io.github.gen4j.Gen4j;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.train.TrainingTask;
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
 * {@code gen4j bench memory}: trains a family's default model (what {@code gen4j train FAMILY} trains without
 * options; the VAE unless {@code --family} says otherwise) for many steps and prints the process's resident
 * memory as it goes, to show that native memory does not grow (every step's tensors are freed).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks: 'memory' trains a family's default model for N steps and prints resident memory"
                + " (RSS) along the way.",
            "To see native memory alone, pre-touch a fixed Java heap: "
                    + "GEN4J_JAVA_OPTS='-Xms1g -Xmx1g -XX:+AlwaysPreTouch' gen4j bench memory"})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "memory")
    String what;

    @Mixin CommonOptions common;
    @Mixin DataOptions data;

    @Option(names = "--family", defaultValue = "vae",
            description = "The family whose default model is trained: vae, gan, diffusion, flow or vaegan"
                    + " (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "" + TrainConfig.DEFAULT_BATCH_SIZE, description = "Images per step (default: ${DEFAULT-VALUE}).")
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
        // the family's default model and training settings, as in a comparison
        FamilyRecipe recipe = FamilyRegistry.get(family).recipe();
        TrainingTask task = recipe.task(d.train(), FamilyRecipe.Scale.DEFAULT);
        // no grids, evaluations or checkpoints until the end: only training steps between the RSS readings
        TrainConfig t = recipe.adjust(TrainConfig.builder().steps(steps).batchSize(batchSize).sampleEvery(0)
                .evalEvery(0).checkpointEvery(steps).checkpointSeconds(0).keepCheckpoints(1).seed(common.seed).build());
        out.println("bench memory: " + family + ", " + steps + " steps of batch " + batchSize);
        Path tmp = Files.createTempDirectory("gen4j-bench-");
        RunConfig rc = new RunConfig(Gen4j.VERSION, task.family(), Json.tree(task.modelConfig()), t,
                RunConfig.DataInfo.of(d.note(), d.spec(), d.train(), d.heldOut()));
        List<long[]> rows = new ArrayList<>();
        Trainer trainer = new Trainer(task, d.train(), d.heldOut(), rc, new RunDir(tmp), common.device());
        trainer.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 1 || p.step() % every == 0) {
                    long rss = rssKb();
                    Runtime rt = Runtime.getRuntime();
                    long heap = (rt.totalMemory() - rt.freeMemory()) / 1024;
                    rows.add(new long[] {p.step(), rss, heap, p.liveArrays()});
                    out.printf("step %6d  rss %,9d KiB  java heap used %,9d KiB  live native arrays %d  %5.0f img/s%n",
                            p.step(), rss, heap, p.liveArrays(), p.imagesPerSecond());
                    out.flush();
                }
            }
        });
        trainer.fit(false);
        // the first interval allocates PyTorch's and the JVM's working memory; growth is measured after it
        long[] warm = rows.get(Math.min(1, rows.size() - 1));
        long[] last = rows.get(rows.size() - 1);
        out.printf("RSS after warm-up (step %d): %,d KiB; at the end (step %d): %,d KiB (%+.1f%%)."
                + " Live native arrays between steps: %d -> %d.%n", warm[0], warm[1], last[0], last[1],
                100.0 * (last[1] - warm[1]) / warm[1], warm[3], last[3]);
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
