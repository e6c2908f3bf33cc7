package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.train.TrainConfig;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j train diffusion}: a denoising diffusion model (DDPM) with a U-Net. */
@Command(name = "diffusion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a denoising diffusion model (DDPM objective, U-Net; eps- or v-prediction,",
            "optionally class-conditional with classifier-free guidance). Sample with any sampler afterwards.",
            "With no options: Fashion-MNIST (or the embedded split), the default small U-Net, 20 minutes."})
public final class TrainDiffusionCommand implements Callable<Integer> {

    /** Without --steps or --budget: 20 minutes, as a U-Net needs longer than the other families' 5. */
    static final double DEFAULT_BUDGET_SECONDS = 1200;

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--widths", split = ",", description = "Channels per U-Net level; each level after the first "
            + "halves the resolution (default: 24,48,48 for 28x28, 32,64,64 for 32x32, 32,64,64,128 for 64x64).")
    List<Integer> widths;

    @Option(names = "--res-blocks", defaultValue = "1", description = "Residual blocks per level (default: ${DEFAULT-VALUE}).")
    int resBlocks;

    @Option(names = "--attention", negatable = true, description = "Self-attention at the lowest resolution "
            + "(default: none, as the textbook recipe; --no-attention is accepted).")
    boolean attention;

    @Option(names = "--heads", defaultValue = "1", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout in the residual blocks (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--timesteps", defaultValue = "1000", description = "Noise levels T (default: ${DEFAULT-VALUE}).")
    int timesteps;

    @Option(names = "--schedule", defaultValue = "linear", description = "Noise schedule: linear or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--prediction", defaultValue = "eps", description = "Network target: eps (noise) or v (default: ${DEFAULT-VALUE}).")
    String prediction;

    @Option(names = "--conditional", description = "Class-conditional with classifier-free guidance "
            + "(sample with --class K --guidance W).")
    boolean conditional;

    @Option(names = "--label-dropout", defaultValue = "0.1",
            description = "With --conditional: share of labels replaced by 'no class' (default: ${DEFAULT-VALUE}).")
    double labelDropout;

    @Override
    public Integer call() {
        NoiseSchedule.Kind kind = parseSchedule(schedule);
        DiffusionConfig.Prediction p = DiffusionConfig.Prediction.parse(prediction);
        train.lengthByDefault(null, DEFAULT_BUDGET_SECONDS);
        return TrainRunner.run("diffusion", common, data, train, d -> new DiffusionTask(config(d, kind, p)),
                DiffusionConfig.schedule(TrainConfig.builder()), spec.commandLine().getOut());
    }

    private static NoiseSchedule.Kind parseSchedule(String s) {
        try {
            return NoiseSchedule.Kind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule: expected linear or cosine, got '" + s + "'");
        }
    }

    private DiffusionConfig config(TrainingData d, NoiseSchedule.Kind kind, DiffusionConfig.Prediction p) {
        if (d.train().height() != d.train().width()) {
            throw new IllegalArgumentException("--data: images are " + d.train().height() + "x" + d.train().width()
                    + ", the U-Net needs square images (use --image-size)");
        }
        if (conditional && !d.train().hasLabels()) {
            throw new IllegalArgumentException("--conditional: the data has no labels (" + d.train().name() + ")");
        }
        DiffusionConfig c = DiffusionConfig.defaults(d.train().channels(), d.train().height());
        return c.withWidths(widths != null ? widths : c.widths(), resBlocks).withAttention(attention, heads)
                .withDropout(dropout).withSchedule(kind, timesteps).withPrediction(p)
                .withClasses(conditional ? d.train().numClasses() : 0, labelDropout);
    }
}
