package io.github.gen4j.cli;

import io.github.gen4j.data.TrainingData;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GeneratorBlocks;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.hybrid.VaePretrainedGan;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j train gan}: a DCGAN-style (conditional) GAN with a plain or a stabilized recipe. */
@Command(name = "gan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a generative adversarial network (DCGAN-style; non-saturating, hinge or WGAN-GP;",
            "spectral norm, TTUR, EMA, n D steps, R1; class-conditional with a projection discriminator).",
            "Presets: plain (DCGAN as published, the default), stabilized (hinge + spectral norm + TTUR + EMA),",
            "wgan-gp. metrics.jsonl logs D/G losses, D(x), D(G(z)), gradient norms and the diversity signal.",
            "--init-from VAE_RUN starts the generator as that VAE's decoder (Ham et al. 2020, unbalanced GAN)."})
public final class TrainGanCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Mixin GanRecipeOptions recipe;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", defaultValue = "plain",
            description = "plain (DCGAN), stabilized (hinge, spectral norm, TTUR, EMA) or wgan-gp "
                    + "(default: ${DEFAULT-VALUE}; plain keeps the learning rate constant, as DCGAN).")
    String preset;

    @Option(names = "--latent", defaultValue = "64", description = "Latent dimension (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--g-widths", split = ",", description = "Generator channels per resolution, first to full "
            + "(default: 64,32,16 for 28x28; 256,128,64,32 for 32x32; 256,128,64,32,16 for 64x64).")
    List<Integer> gWidths;

    @Option(names = "--d-widths", split = ",", description = "Discriminator channels per stride-2 convolution "
            + "(default: 32,64 for 28x28; 64,128,256 for 32x32; 32,64,128,256 for 64x64).")
    List<Integer> dWidths;

    @Option(names = "--g-blocks", defaultValue = "batchnorm",
            description = "Generator stages: batchnorm (textbook DCGAN: conv + pixel shuffle, BatchNorm, ReLU) or "
                    + "pixelnorm (nearest upsampling + conv, LeakyReLU, PixelNorm) (default: ${DEFAULT-VALUE}).")
    String gBlocks;

    @Option(names = "--conditional", description = "Class-conditional GAN (label into G, projection discriminator).")
    boolean conditional;

    @Option(names = "--init-from", paramLabel = "VAE_RUN", description = "Use this VAE run's decoder as the "
            + "generator, architecture and weights (the VAE's latent size and classes); the discriminator starts fresh "
            + "(the textbook DCGAN's widths, 64,128 for 28x28, unless --d-widths).")
    Path initFrom;

    @Option(names = "--arch-from", paramLabel = "VAE_RUN", description = "Use this VAE run's decoder architecture "
            + "as the generator, randomly initialized (the cold-start control for --init-from).")
    Path archFrom;

    @Override
    public Integer call() {
        GanPreset p = GanPreset.parse(preset);
        GanRecipe r = recipe.apply(p.recipe(), train.lr);
        // the preset's schedule; the run's learning rate is the generator's after --lr-g / --lr
        TrainConfig.Builder schedule = p.schedule(TrainConfig.builder()).lr(r.lrG());
        if (train.resume == null) {
            int batch = train.toConfig(schedule, common.seed).batchSize();
            if (batch % r.dSteps() != 0 || batch / r.dSteps() < 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size " + batch
                        + " must be a multiple of --d-steps " + r.dSteps() + " (the batch is split over the D steps)");
            }
        }
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Path vaeRun = initFrom != null ? initFrom : archFrom;
        if (vaeRun != null) {
            String opt = initFrom != null ? "--init-from" : "--arch-from";
            for (String clash : new String[] {"--arch-from", "--resume", "--latent", "--g-widths", "--conditional"}) {
                if (!clash.equals(opt) && parsed.hasMatchedOption(clash)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), opt + " and " + clash + " exclude "
                            + "each other (the generator, its latent size and classes come from the VAE run)");
                }
            }
        }
        return TrainRunner.run("gan", common, data, train, d -> task(d, r), schedule, spec.commandLine().getOut());
    }

    private TrainingTask task(TrainingData d, GanRecipe r) {
        GanConfig c = config(d, r);
        if (initFrom == null && archFrom == null) {
            return new GanTask(c);
        }
        Path vaeRun = initFrom != null ? initFrom : archFrom;
        if (dWidths == null) {
            c = c.withDcganDiscriminator(); // as the VAE-GAN's, not the half-width one of the default GAN at 28x28
        }
        VaeConfig v = VaePretrainedGan.vaeConfig(vaeRun, c.channels(), c.imageSize());
        if (v.conditional() && !d.train().hasLabels()) {
            throw new IllegalArgumentException("--init-from: the VAE in " + vaeRun + " is conditional but the data "
                    + "has no labels (" + d.train().name() + ")");
        }
        if (initFrom != null) {
            spec.commandLine().getOut().println("generator: decoder of the VAE in " + initFrom + " (its weights)");
            return VaePretrainedGan.create(c, initFrom, common.device());
        }
        spec.commandLine().getOut().println("generator: decoder architecture of the VAE in " + archFrom + " (random)");
        return new GanTask(c.withVaeDecoder(v, null));
    }

    private GanConfig config(TrainingData d, GanRecipe r) {
        if (d.train().height() != d.train().width()) {
            throw new IllegalArgumentException("--data: images are " + d.train().height() + "x" + d.train().width()
                    + ", the GAN needs square images (use --image-size)");
        }
        if (conditional && !d.train().hasLabels()) {
            throw new IllegalArgumentException("--conditional: the data has no labels (" + d.train().name() + ")");
        }
        GanConfig c = GanConfig.defaults(d.train().channels(), d.train().height(), r);
        c = c.withWidths(gWidths != null ? gWidths : c.generatorWidths(), dWidths != null ? dWidths : c.discriminatorWidths());
        return c.withLatentDim(latent).withClasses(conditional ? d.train().numClasses() : 0)
                .withGeneratorBlocks(GeneratorBlocks.parse(gBlocks));
    }
}
