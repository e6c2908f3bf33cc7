package io.github.gen4j.compare;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.hybrid.VaeGanConfig;
import io.github.gen4j.hybrid.VaeGanTask;
import io.github.gen4j.hybrid.VaePretrainedGan;
import io.github.gen4j.model.Families;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipes of the families that can be compared. {@link Scale#DEFAULT} is exactly what
 * {@code gen4j train FAMILY} trains without options (same configs, same learning rates, the GAN's
 * DCGAN preset with a constant learning rate and no warm-up); {@link Scale#TINY} shrinks every network so that the
 * demonstration and the tests finish in minutes on two cores.
 *
 * <p>A family registered later (e.g. {@code vaegan}) takes part once its recipe is added with {@link #with}.
 */
public final class FamilyRecipes {

    private final Map<String, FamilyRecipe> recipes;

    private FamilyRecipes(Map<String, FamilyRecipe> recipes) {
        this.recipes = recipes;
    }

    /**
     * The recipes of vae, gan, diffusion, flow and vaegan, and the two GAN variants of the VAE-pretrained GAN
     * experiment (only when named): gan-vaeinit and its cold-start control gan-vaearch.
     */
    public static FamilyRecipes standard() {
        Map<String, FamilyRecipe> m = new LinkedHashMap<>();
        for (FamilyRecipe r : List.of(VAE, GAN, DIFFUSION, FLOW, VAEGAN, GAN_VAEINIT, GAN_VAEARCH)) {
            m.put(r.name(), r);
        }
        return new FamilyRecipes(m);
    }

    /** These recipes plus (or with {@code r} replacing) the recipe named {@code r.name()}. */
    public FamilyRecipes with(FamilyRecipe r) {
        Map<String, FamilyRecipe> m = new LinkedHashMap<>(recipes);
        m.put(r.name(), r);
        return new FamilyRecipes(m);
    }

    /** What a comparison trains when {@code --families} is not given, in the registry's order. */
    public List<String> names() {
        return all().stream().filter(n -> recipes.get(n).byDefault()).toList();
    }

    /** Every recipe name, in the registry's order, variants last. */
    public List<String> all() {
        List<String> n = new ArrayList<>();
        Families.names().stream().filter(recipes::containsKey).forEach(n::add);
        recipes.keySet().stream().filter(k -> !n.contains(k)).forEach(n::add);
        return n;
    }

    /** The recipe of {@code family}; a one-line error naming the known ones otherwise. */
    public FamilyRecipe get(String family) {
        FamilyRecipe r = recipes.get(family);
        if (r != null) {
            return r;
        }
        if (Families.names().contains(family)) {
            throw new IllegalArgumentException("--families: '" + family + "' is a registered family but has no"
                    + " comparison recipe yet (known: " + String.join(", ", all()) + ")");
        }
        throw new IllegalArgumentException("--families: unknown family '" + family + "' (known: "
                + String.join(", ", all()) + ")");
    }

    /** {@code t} with a family's learning rate, Adam betas, warm-up and EMA decay. */
    static TrainConfig tune(TrainConfig t, double lr, int warmup, double ema) {
        return tune(t, lr, warmup, ema, t.cosine());
    }

    static TrainConfig tune(TrainConfig t, double lr, int warmup, double ema, boolean cosine) {
        return new TrainConfig(t.steps(), t.budgetSeconds(), t.batchSize(), lr, t.beta1(), t.beta2(),
                t.weightDecay(), warmup, cosine, t.minLrRatio(), t.gradClip(), ema, t.logEvery(),
                t.sampleEvery(), t.evalEvery(), t.checkpointEvery(), t.checkpointSeconds(), t.keepCheckpoints(),
                t.nanPolicy(), t.maxRollbacks(), t.seed());
    }

    private static void requireSquare(ImageDataset d, String family) {
        if (d.height() != d.width()) {
            throw new IllegalArgumentException("--data: images are " + d.height() + "x" + d.width() + ", the "
                    + family + " needs square images (use --image-size)");
        }
    }

    /** As {@code gen4j train vae}: default widths, hidden 512, latent 32, sigma-VAE decoder, lr 1e-3. */
    static final FamilyRecipe VAE = new FamilyRecipe() {
        @Override public String family() {
            return "vae";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            requireSquare(d, "VAE");
            VaeConfig c = VaeConfig.defaults(d.channels(), d.height());
            return new VaeTask(scale == Scale.TINY ? c.withWidths(List.of(8, 16), 64).withLatentDim(8) : c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return tune(t, 1e-3, t.warmupSteps(), t.emaDecay());
        }
    };

    /**
     * As {@code gen4j train gan}: the DCGAN recipe ({@link GanPreset#PLAIN}: non-saturating loss, Adam 2e-4
     * (0.5, 0.999), no EMA, constant learning rate) with the textbook BatchNorm generator, which beat the
     * stabilized preset and a plain PyTorch DCGAN at equal steps (bench/parity.py, issue 14).
     */
    static final FamilyRecipe GAN = new FamilyRecipe() {
        @Override public String family() {
            return "gan";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            requireSquare(d, "GAN");
            GanRecipe r = GanPreset.DEFAULT.recipe();
            GanConfig c = GanConfig.defaults(d.channels(), d.height(), r);
            if (scale == Scale.TINY) {
                List<Integer> g = new ArrayList<>();
                c.generatorWidths().forEach(w -> g.add(Math.max(8, w / 8)));
                c = c.withWidths(g, c.discriminatorWidths().stream().map(w -> Math.max(8, w / 8)).toList())
                        .withLatentDim(16);
            }
            return new GanTask(c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            GanPreset p = GanPreset.DEFAULT;
            return tune(t, p.recipe().lrG(), 0, p.emaDecay(), p.cosine() && t.cosine());
        }
    };

    /**
     * As {@code gen4j train diffusion}: the default U-Net, T = 1000, lr 1e-3; sampled with the default
     * DPM-Solver++(2M), and measured also with DDPM (all T steps) and DDIM (50 steps).
     */
    static final FamilyRecipe DIFFUSION = new FamilyRecipe() {
        @Override public String family() {
            return "diffusion";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            requireSquare(d, "U-Net");
            DiffusionConfig c = DiffusionConfig.defaults(d.channels(), d.height());
            if (scale == Scale.TINY) {
                c = new DiffusionConfig(c.channels(), c.imageSize(), c.widths().stream().map(w -> w / 4).toList(), 1,
                        true, 1, 0.1, 4, 100, c.schedule(), c.prediction(), 0, c.labelDropout());
            }
            return new DiffusionTask(c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return tune(t, 1e-3, t.warmupSteps(), t.emaDecay());
        }

        @Override public List<SamplerVariant> variants(TrainingTask task) {
            int steps = ((DiffusionTask) task).config().timesteps();
            return List.of(new SamplerVariant(Claims.FULL_LENGTH_SAMPLER, steps),
                    new SamplerVariant("ddim", Math.min(50, steps)));
        }
    };

    /** As {@code gen4j train flow}: Glow, 2 levels x 8 steps for 28x28, coupling width 128, lr 1e-3. */
    static final FamilyRecipe FLOW = new FamilyRecipe() {
        @Override public String family() {
            return "flow";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            requireSquare(d, "flow");
            FlowConfig c = FlowConfig.defaults(d.channels(), d.height());
            return new FlowTask(scale == Scale.TINY ? c.withSteps(2).withHidden(16) : c);
        }

        @Override public boolean exactLikelihood() {
            return true;
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return tune(t, 1e-3, t.warmupSteps(), t.emaDecay());
        }
    };

    /** As {@code gen4j train vaegan}: Larsen et al.'s VAE-GAN with its default recipe (Adam 3e-4, beta1 0.5). */
    static final FamilyRecipe VAEGAN = new FamilyRecipe() {
        @Override public String family() {
            return "vaegan";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            requireSquare(d, "VAE-GAN");
            VaeGanConfig c = VaeGanConfig.defaults(d.channels(), d.height());
            if (scale == Scale.TINY) {
                c = c.withVae(c.vae().withWidths(List.of(8, 16), 64).withLatentDim(8))
                        .withDiscriminator(List.of(8, 16), 2);
            }
            return new VaeGanTask(c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return tune(t, VaeGanConfig.DEFAULT_RECIPE.lrG(), t.warmupSteps(), t.emaDecay());
        }
    };

    /**
     * As {@code gen4j train gan --init-from VAE_RUN} (Ham et al. 2020): the GAN recipe with the generator
     * started as the decoder of this comparison's VAE run of the same seed. Its budget is the GAN's alone: the
     * VAE's training time comes on top.
     */
    static final FamilyRecipe GAN_VAEINIT = new VaeDecoderGan(true);

    /** The cold-start control of {@link #GAN_VAEINIT}: the same generator architecture, randomly initialized. */
    static final FamilyRecipe GAN_VAEARCH = new VaeDecoderGan(false);

    /** A GAN whose generator is the VAE decoder of the comparison's vae run of the same seed. */
    private static final class VaeDecoderGan implements FamilyRecipe {
        private final boolean weights;

        VaeDecoderGan(boolean weights) {
            this.weights = weights;
        }

        @Override public String family() {
            return "gan";
        }

        @Override public String name() {
            return weights ? "gan-vaeinit" : "gan-vaearch";
        }

        @Override public boolean byDefault() {
            return false;
        }

        @Override public String requires() {
            return "vae";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            throw new IllegalStateException(name() + " is built from a comparison's VAE run");
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale, Context ctx) {
            GanConfig base = ((GanTask) GAN.task(d, scale)).config();
            java.nio.file.Path vae = ComparisonFolder.runFolder(ctx.comparison(), requires(), ctx.seed());
            if (weights) {
                return VaePretrainedGan.create(base, vae, ctx.device());
            }
            return new GanTask(base.withVaeDecoder(VaePretrainedGan.vaeConfig(vae, base.channels(), base.imageSize()),
                    null));
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return GAN.adjust(t);
        }
    }
}
