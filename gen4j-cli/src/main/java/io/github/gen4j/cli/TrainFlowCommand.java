package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.train.TrainConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j train flow}: a Glow or RealNVP multi-scale normalizing flow. */
@Command(name = "flow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a normalizing flow (Glow or RealNVP): exact likelihood, invertible encoding.",
            "With no options: Fashion-MNIST (or the embedded split), Glow with 2 levels x 8 steps, a few minutes."})
public final class TrainFlowCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", defaultValue = "glow", description = "glow or realnvp (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--levels", description = "Scales L (default: halve down to an odd size or 4x4, at most 3: 2 for 28x28).")
    Integer levels;

    @Option(names = "--flow-steps", description = "Glow: steps K per level (default 8); RealNVP: couplings per group (default 3).")
    Integer steps;

    @Option(names = "--hidden", defaultValue = "128", description = "Coupling network width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--logit-alpha", defaultValue = "0.05",
            description = "Logit transform margin; 0 = Glow's shift x - 0.5 instead (default: ${DEFAULT-VALUE}).")
    double logitAlpha;

    @Option(names = "--scale-clamp", defaultValue = "2",
            description = "Coupling log-scales are c*tanh(s/c) with this c (default: ${DEFAULT-VALUE}).")
    double scaleClamp;

    @Option(names = "--dequantization", defaultValue = "uniform",
            description = "uniform or variational (learned noise, Flow++; default: ${DEFAULT-VALUE}).")
    String dequantization;

    @Option(names = "--conditional", description = "Class-conditional prior; `sample --class K` then draws class K.")
    boolean conditional;

    @Override
    public Integer call() {
        FlowConfig.Architecture a = FlowConfig.Architecture.parse(arch);
        FlowConfig.Dequantization d = FlowConfig.Dequantization.parse(dequantization);
        return TrainRunner.run("flow", common, data, train, td -> new FlowTask(config(td, a, d)), TrainConfig.builder(),
                spec.commandLine().getOut());
    }

    private FlowConfig config(TrainingData d, FlowConfig.Architecture a, FlowConfig.Dequantization dq) {
        if (d.train().height() != d.train().width()) {
            throw new IllegalArgumentException("--data: images are " + d.train().height() + "x" + d.train().width()
                    + ", the flow needs square images (use --image-size)");
        }
        if (conditional && !d.train().hasLabels()) {
            throw new IllegalArgumentException("--conditional: the data has no labels (" + d.train().name() + ")");
        }
        int c = d.train().channels();
        int s = d.train().height();
        FlowConfig cfg = a == FlowConfig.Architecture.GLOW ? FlowConfig.defaults(c, s) : FlowConfig.realNvp(c, s);
        if (levels != null) {
            cfg = cfg.withLevels(levels);
        }
        if (steps != null) {
            cfg = cfg.withSteps(steps);
        }
        return cfg.withHidden(hidden).withLogitAlpha(logitAlpha).withScaleClamp(scaleClamp).withDequantization(dq)
                .withClasses(conditional ? d.train().numClasses() : 0);
    }
}
