package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j train vae}: a convolutional (beta-, conditional) VAE. */
@Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a variational autoencoder (VAE, beta-VAE, conditional VAE).",
            "With no options: Fashion-MNIST (or the embedded split), default model, a few minutes."})
public final class TrainVaeCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--latent", defaultValue = "32", description = "Latent dimension (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--widths", split = ",", description = "Channels per downsampling stage, e.g. 32,64 "
            + "(default: 32,64 for 28x28; 32,64,128 for 32x32; 32,64,128,256 for 64x64).")
    List<Integer> widths;

    @Option(names = "--hidden", defaultValue = "512", description = "Fully connected width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--likelihood", defaultValue = "discretized-logistic",
            description = "Decoder distribution: discretized-logistic (an exact probability of each 8-bit value, "
                    + "per-pixel scale), gaussian (dequantized, one learned scale per channel), "
                    + "gaussian-pixel (per-pixel scale), discretized-gaussian or bernoulli "
                    + "(default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(names = "--beta", defaultValue = "1", description = "KL weight; > 1 gives a beta-VAE (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--conditional", description = "Condition encoder and decoder on the class label.")
    boolean conditional;

    @Override
    public Integer call() {
        Likelihood l = Likelihood.parse(likelihood);
        return TrainRunner.run("vae", common, data, train, d -> new VaeTask(config(d, l)),
                VaeConfig.schedule(TrainConfig.builder()),
                spec.commandLine().getOut());
    }

    private VaeConfig config(TrainingData d, Likelihood l) {
        if (d.train().height() != d.train().width()) {
            throw new IllegalArgumentException("--data: images are " + d.train().height() + "x" + d.train().width()
                    + ", the VAE needs square images (use --image-size)");
        }
        VaeConfig c = VaeConfig.defaults(d.train().channels(), d.train().height());
        if (widths != null) {
            c = c.withWidths(widths, hidden);
        } else {
            c = c.withWidths(c.widths(), hidden);
        }
        if (conditional && !d.train().hasLabels()) {
            throw new IllegalArgumentException("--conditional: the data has no labels (" + d.train().name() + ")");
        }
        return c.withLatentDim(latent).withLikelihood(l).withBeta(beta)
                .withClasses(conditional ? d.train().numClasses() : 0);
    }
}
