package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.hybrid.VaeGanConfig;
import io.github.gen4j.hybrid.VaeGanTask;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.vae.VaeConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j train vaegan}: a VAE-GAN (Larsen et al. 2016). */
@Command(name = "vaegan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a VAE-GAN (Larsen et al. 2016): a VAE whose reconstruction error is measured in a",
            "discriminator's feature space, plus a GAN loss on reconstructions and prior samples; encoder, decoder",
            "and discriminator get the paper's separate updates. metrics.jsonl logs the feature reconstruction",
            "(llike_nats), KL, D/G losses, D scores, pixel MSE and the diversity signal."})
public final class TrainVaeganCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Mixin GanRecipeOptions recipe;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--latent", defaultValue = "32", description = "Latent dimension (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--widths", split = ",", description = "Encoder/decoder channels per stage, as for train vae "
            + "(default: 32,64 for 28x28; 32,64,128 for 32x32; 32,64,128,256 for 64x64).")
    List<Integer> widths;

    @Option(names = "--hidden", defaultValue = "512", description = "Fully connected width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--beta", defaultValue = "1", description = "KL weight in the encoder's loss (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--d-widths", split = ",", description = "Discriminator channels per stride-2 convolution "
            + "(default: 64,128 for 28x28; 64,128,256 for 32x32; 32,64,128,256 for 64x64).")
    List<Integer> dWidths;

    @Option(names = "--feature-layer", description = "Discriminator layer (1-based) whose features carry the "
            + "reconstruction loss (default: the last).")
    Integer featureLayer;

    @Option(names = "--gamma", defaultValue = "1", description = "Weight of the feature reconstruction against the "
            + "GAN loss in the decoder's update (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Override
    public Integer call() {
        GanRecipe r = recipe.apply(VaeGanConfig.DEFAULT_RECIPE, train.lr);
        return TrainRunner.run("vaegan", common, data, train, d -> new VaeGanTask(config(d, r)),
                TrainConfig.builder().lr(r.lrG()), spec.commandLine().getOut());
    }

    private VaeGanConfig config(TrainingData d, GanRecipe r) {
        if (d.train().height() != d.train().width()) {
            throw new IllegalArgumentException("--data: images are " + d.train().height() + "x" + d.train().width()
                    + ", the VAE-GAN needs square images (use --image-size)");
        }
        VaeGanConfig c = VaeGanConfig.defaults(d.train().channels(), d.train().height());
        VaeConfig v = c.vae().withWidths(widths != null ? widths : c.vae().widths(), hidden).withLatentDim(latent)
                .withBeta(beta);
        List<Integer> dw = dWidths != null ? dWidths : c.discriminatorWidths();
        return c.withVae(v).withRecipe(r).withGamma(gamma)
                .withDiscriminator(dw, featureLayer != null ? featureLayer : dw.size());
    }
}
