package io.github.gen4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.data.FashionMnist;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.eval.ClassifierConfig;
import io.github.gen4j.eval.ClassifierTask;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j train classifier}: trains the feature network used by {@code gen4j eval} on labelled data,
 * reports its accuracy on the held-out split, and exports it as RUN/feature-network.g4jnet. Unlabelled
 * data gets the documented fallback: a seeded, randomly initialized network of the same shape.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the feature network for 'gen4j eval' (a small CNN classifier) and export it.",
            "Deterministic recipe: seed 42, " + TrainClassifierCommand.DEFAULT_STEPS + " steps of batch 128, Adam 2e-3 "
                + "with cosine decay. Unlabelled data: a seeded random CNN (no training)."})
public final class TrainClassifierCommand implements Callable<Integer> {

    /** About 10.7 epochs of the 60,000 Fashion-MNIST training images at batch 128. */
    static final long DEFAULT_STEPS = 5000;

    /** Adam's peak rate of the recipe that gave the shipped network's accuracy (README). */
    static final double DEFAULT_LR = 2e-3;

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", description = "Name of the network, carried by metric names (fid_NAME); default: "
            + "fmnistcnn for Fashion-MNIST, else the data folder's name + 'cnn'.")
    String name;

    @Option(names = "--widths", split = ",", description = "Channels per conv + pool stage (default: 32,64).")
    List<Integer> widths;

    @Option(names = "--no-extra-conv", description = "Leave out the conv 3x3 at the final resolution (faster, a little less accurate).")
    boolean noExtraConv;

    @Option(names = "--embed", defaultValue = "128", description = "Embedding (penultimate layer) width (default: ${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--dropout", defaultValue = "0.3", description = "Dropout before the head (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        train.lengthByDefault(DEFAULT_STEPS, null); // a fixed step count, not a budget: the recipe is deterministic
        if (train.resume == null) {
            TrainingData d = data.load(common.seed);
            if (!d.train().hasLabels()) {
                return randomFallback(d, out);
            }
        }
        return TrainRunner.run("classifier", common, data, train, this::task, TrainConfig.builder().lr(DEFAULT_LR), out,
                (run, task, d) -> export(run, d, out));
    }

    private ClassifierTask task(TrainingData d) {
        ImageDataset t = d.train();
        if (t.height() != t.width()) {
            throw new IllegalArgumentException("--data: images are " + t.height() + "x" + t.width()
                    + ", the classifier needs square images (use --image-size)");
        }
        ClassifierConfig c = ClassifierConfig.defaults(t.channels(), t.height(), t.numClasses());
        if (widths != null) {
            c = c.withWidths(widths);
        }
        if (noExtraConv) {
            c = c.withoutBottleneckConv();
        }
        return new ClassifierTask(c.withEmbedDim(embed).withDropout(dropout));
    }

    private int export(RunDir run, TrainingData d, PrintWriter out) throws java.io.IOException {
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("trainData", d.train().toString());
        info.put("testData", d.heldOut().toString());
        info.put("seed", common.seed);
        String n = name != null ? name : defaultName(d);
        try (FeatureNetwork net = FeatureNetwork.fromRun(run.root(), n, d.train().classNames(), info,
                common.device())) {
            double acc = net.accuracy(d.heldOut(), 500);
            info.put("testAccuracy", acc);
            info.put("testImages", d.heldOut().size());
            Path file = run.root().resolve(FeatureNetwork.FILE_NAME);
            net.save(file);
            out.printf("test accuracy: %.2f%% on %d held-out images (%s)%n", 100 * acc, d.heldOut().size(),
                    d.heldOut().name());
            out.println("feature network '" + n + "': " + file);
            out.println("use it:     gen4j eval --features " + file + " ...");
        }
        return 0;
    }

    private int randomFallback(TrainingData d, PrintWriter out) throws java.io.IOException {
        ImageDataset t = d.train();
        out.println("the data has no labels (" + t.name() + "): no classifier can be trained. Fallback: a randomly"
                + " initialized, untrained CNN (seed " + common.seed + ") as the feature network 'randcnn';"
                + " FID/KID/precision/recall work on its embedding, class-based metrics are unavailable.");
        RunDir run = RunDir.create(train.out, "classifier");
        try (FeatureNetwork net = FeatureNetwork.random(t.channels(), t.height(), common.seed, common.device())) {
            Path file = run.root().resolve(FeatureNetwork.FILE_NAME);
            net.save(file);
            out.println("feature network 'randcnn': " + file);
        }
        return 0;
    }

    /** "fmnistcnn" for Fashion-MNIST data, else the data folder's name in letters and digits + "cnn". */
    static String defaultName(TrainingData d) {
        ImageDataset t = d.train();
        if (t.classNames().equals(FashionMnist.CLASS_NAMES) && t.channels() == 1 && t.height() == 28) {
            return FeatureNetwork.SHIPPED_NAME;
        }
        String base = Path.of(d.spec()).getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return (base.isEmpty() ? "custom" : base) + "cnn";
    }
}
