package io.github.gen4j.cli;

import io.github.gen4j.train.TrainConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Training options shared by every {@code gen4j train FAMILY} command. */
public final class TrainOptions {

    @Option(names = "--steps", description = "Optimizer steps (0 = until the budget runs out).")
    Long steps;

    @Option(names = "--budget", converter = Durations.class,
            description = "Wall-clock training budget, e.g. 90s, 10m, 1h (default: the family's; "
                    + "ignored when only --steps is given).")
    Double budget;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", description = "Peak learning rate (default: the family's).")
    Double lr;

    @Option(names = "--warmup", defaultValue = "100", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-cosine", description = "Keep the learning rate constant after warm-up.")
    boolean noCosine;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--clip", defaultValue = "100", description = "Clip the gradient norm to this; 0 = off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay of the sampling weights; 0 = off (default: ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--nan-policy", defaultValue = "stop",
            description = "On NaN/Inf: stop (keep the last good checkpoint) or rollback (reload it, halve the "
                    + "learning rate). Default: ${DEFAULT-VALUE}.")
    TrainConfig.NanPolicy nanPolicy;

    @Option(names = "--log-every", defaultValue = "50", description = "Steps between metrics lines (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--sample-every", defaultValue = "1000", description = "Steps between sample grids; 0 = only at the end (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--eval-every", defaultValue = "500", description = "Steps between held-out evaluations; 0 = only at the end (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--checkpoint-every", defaultValue = "1000", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", description = "Also checkpoint after this many minutes (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--keep", defaultValue = "3", description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives the run folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its newest checkpoint.")
    Path resume;

    @Option(names = "--profile", paramLabel = "FILE.json", description = "Benchmarks: record steps 21-25 with "
            + "PyTorch's profiler and write a Chrome trace to FILE (summarize it with bench/profile_summary.py).")
    Path profile;

    /** The training config, with the family's defaults where the user gave no value. */
    TrainConfig toConfig(long seed, double defaultLr, double defaultBudgetSeconds) {
        long s = steps == null ? 0 : steps;
        double b = budget != null ? budget : (steps != null ? 0 : defaultBudgetSeconds);
        return new TrainConfig(s, b, batchSize, lr == null ? defaultLr : lr, 0.9, 0.999, weightDecay, warmup,
                !noCosine, 0.05, clip, ema, logEvery, sampleEvery, evalEvery, checkpointEvery,
                checkpointMinutes * 60, keep, nanPolicy, 3, seed);
    }
}
