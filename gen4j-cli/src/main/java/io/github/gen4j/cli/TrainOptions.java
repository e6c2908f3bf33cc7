package io.github.gen4j.cli;

import static io.github.gen4j.train.TrainConfig.DEFAULT_BATCH_SIZE;
import static io.github.gen4j.train.TrainConfig.DEFAULT_BUDGET_SECONDS;
import static io.github.gen4j.train.TrainConfig.DEFAULT_CHECKPOINT_EVERY;
import static io.github.gen4j.train.TrainConfig.DEFAULT_CHECKPOINT_SECONDS;
import static io.github.gen4j.train.TrainConfig.DEFAULT_EMA_DECAY;
import static io.github.gen4j.train.TrainConfig.DEFAULT_EVAL_EVERY;
import static io.github.gen4j.train.TrainConfig.DEFAULT_GRAD_CLIP;
import static io.github.gen4j.train.TrainConfig.DEFAULT_KEEP_CHECKPOINTS;
import static io.github.gen4j.train.TrainConfig.DEFAULT_LOG_EVERY;
import static io.github.gen4j.train.TrainConfig.DEFAULT_LR;
import static io.github.gen4j.train.TrainConfig.DEFAULT_MIN_LR_RATIO;
import static io.github.gen4j.train.TrainConfig.DEFAULT_SAMPLE_EVERY;
import static io.github.gen4j.train.TrainConfig.DEFAULT_WARMUP_STEPS;
import static io.github.gen4j.train.TrainConfig.DEFAULT_WEIGHT_DECAY;

import io.github.gen4j.train.InvalidTrainConfigException;
import io.github.gen4j.train.TrainConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Training options shared by every {@code gen4j train FAMILY} command. An option not given keeps the value of
 * the family's {@link TrainConfig.Builder} (TrainConfig's defaults, tuned by the family), and every
 * "(default: ...)" below is built from {@link TrainConfig}'s {@code DEFAULT_*} constants, so help and code
 * cannot disagree.
 */
public final class TrainOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--steps", description = "Optimizer steps (0 = until the budget runs out).")
    Long steps;

    @Option(names = "--budget", converter = Durations.class,
            description = "Wall-clock training budget, e.g. 90s, 10m, 1h (default: "
                    + (long) (DEFAULT_BUDGET_SECONDS / 60) + "m or the family's; none when only --steps is given).")
    Double budget;

    @Option(names = "--batch-size", description = "Images per step (default: " + DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak learning rate (default: " + DEFAULT_LR + " or the family's).")
    Double lr;

    @Option(names = "--warmup",
            description = "Linear warm-up steps (default: " + DEFAULT_WARMUP_STEPS + " or the family's).")
    Integer warmup;

    @Option(names = "--no-cosine", description = "Keep the learning rate constant after warm-up (default: a "
            + "half-cosine decay to " + (int) (DEFAULT_MIN_LR_RATIO * 100) + "%% of the peak, or the family's).")
    boolean noCosine;

    @Option(names = "--weight-decay", description = "AdamW weight decay (default: " + DEFAULT_WEIGHT_DECAY + ").")
    Double weightDecay;

    @Option(names = "--clip",
            description = "Clip the gradient norm to this; 0 = off (default: " + (long) DEFAULT_GRAD_CLIP
                    + " or the family's).")
    Double clip;

    @Option(names = "--ema", description = "EMA decay of the sampling weights; 0 = off (default: "
            + DEFAULT_EMA_DECAY + " or the family's).")
    Double ema;

    /** Initialized from the core default, which picocli shows as ${DEFAULT-VALUE} (an enum is no constant). */
    @Option(names = "--nan-policy",
            description = "On NaN/Inf: stop (keep the last good checkpoint) or rollback (reload it, halve the "
                    + "learning rate). Default: ${DEFAULT-VALUE}.")
    TrainConfig.NanPolicy nanPolicy = TrainConfig.DEFAULT_NAN_POLICY;

    @Option(names = "--log-every", description = "Steps between metrics lines (default: " + DEFAULT_LOG_EVERY + ").")
    Integer logEvery;

    @Option(names = "--sample-every", description = "Steps between sample grids; 0 = only at the end (default: "
            + DEFAULT_SAMPLE_EVERY + ").")
    Integer sampleEvery;

    @Option(names = "--eval-every", description = "Steps between held-out evaluations; 0 = only at the end "
            + "(default: " + DEFAULT_EVAL_EVERY + ").")
    Integer evalEvery;

    @Option(names = "--checkpoint-every",
            description = "Steps between checkpoints (default: " + DEFAULT_CHECKPOINT_EVERY + ").")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-minutes", description = "Also checkpoint after this many minutes; 0 = never "
            + "(default: " + (long) (DEFAULT_CHECKPOINT_SECONDS / 60) + ").")
    Double checkpointMinutes;

    @Option(names = "--keep", description = "Checkpoints to keep (default: " + DEFAULT_KEEP_CHECKPOINTS + ").")
    Integer keep;

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives the run folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its newest checkpoint.")
    Path resume;

    @Option(names = "--profile", paramLabel = "FILE.json", description = "Benchmarks: record steps 21-25 with "
            + "PyTorch's profiler and write a Chrome trace to FILE (summarize it with bench/profile_summary.py).")
    Path profile;

    /**
     * The family's length of a new run given neither {@code --steps} nor {@code --budget}: {@code s} steps
     * and/or {@code b} seconds instead of {@link TrainConfig#DEFAULT_BUDGET_SECONDS}.
     */
    void lengthByDefault(Long s, Double b) {
        if (resume == null && steps == null && budget == null) {
            steps = s;
            budget = b;
        }
    }

    /**
     * {@code family} (TrainConfig's defaults tuned by the family) with every given option and the seed, checked;
     * a value out of range is a usage error that names the flag.
     */
    TrainConfig toConfig(TrainConfig.Builder family, long seed) {
        set(steps, family::steps);
        set(budget, family::budgetSeconds);
        set(batchSize, family::batchSize);
        set(lr, family::lr);
        set(warmup, family::warmupSteps);
        if (noCosine) {
            family.cosine(false);
        }
        set(weightDecay, family::weightDecay);
        set(clip, family::gradClip);
        set(ema, family::emaDecay);
        set(logEvery, family::logEvery);
        set(sampleEvery, family::sampleEvery);
        set(evalEvery, family::evalEvery);
        set(checkpointEvery, family::checkpointEvery);
        set(checkpointMinutes == null ? null : checkpointMinutes * 60, family::checkpointSeconds);
        set(keep, family::keepCheckpoints);
        try {
            return family.nanPolicy(nanPolicy).seed(seed).build();
        } catch (InvalidTrainConfigException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    String.join(" and ", e.fields().stream().map(TrainOptions::flag).toList()) + " " + e.rule());
        }
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The flag that sets a {@link TrainConfig} component (the component's name where there is none). */
    static String flag(String field) {
        return switch (field) {
            case "steps" -> "--steps";
            case "budgetSeconds" -> "--budget";
            case "batchSize" -> "--batch-size";
            case "lr" -> "--lr";
            case "warmupSteps" -> "--warmup";
            case "weightDecay" -> "--weight-decay";
            case "gradClip" -> "--clip";
            case "emaDecay" -> "--ema";
            case "logEvery" -> "--log-every";
            case "sampleEvery" -> "--sample-every";
            case "evalEvery" -> "--eval-every";
            case "checkpointEvery" -> "--checkpoint-every";
            case "checkpointSeconds" -> "--checkpoint-minutes";
            case "keepCheckpoints" -> "--keep";
            default -> field;
        };
    }
}
