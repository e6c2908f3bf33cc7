package io.github.gen4j.compare;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.family.Family;
import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.hybrid.VaePretrainedGan;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipes of the families that can be compared: each registered family's own
 * ({@link Family#recipe()}; {@link FamilyRecipe.Scale#DEFAULT} is exactly what {@code gen4j train FAMILY}
 * trains without options, {@link FamilyRecipe.Scale#TINY} shrinks every network so that the demonstration and
 * the tests finish in minutes on two cores), plus the comparison's own experiment variants of a family, which
 * build on other runs of the same comparison.
 */
public final class FamilyRecipes {

    private final Map<String, FamilyRecipe> recipes;

    private FamilyRecipes(Map<String, FamilyRecipe> recipes) {
        this.recipes = recipes;
    }

    /**
     * The recipes of the registered families (vae, gan, diffusion, flow, vaegan), and the two GAN variants of the VAE-pretrained GAN
     * experiment (only when named): gan-vaeinit and its cold-start control gan-vaearch.
     */
    public static FamilyRecipes standard() {
        Map<String, FamilyRecipe> m = new LinkedHashMap<>();
        FamilyRegistry.all().forEach(f -> m.put(f.name(), f.recipe()));
        for (FamilyRecipe r : List.of(GAN_VAEINIT, GAN_VAEARCH)) {
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
        FamilyRegistry.names().stream().filter(recipes::containsKey).forEach(n::add);
        recipes.keySet().stream().filter(k -> !n.contains(k)).forEach(n::add);
        return n;
    }

    /** The recipe of {@code family}; a one-line error naming the known ones otherwise. */
    public FamilyRecipe get(String family) {
        FamilyRecipe r = recipes.get(family);
        if (r != null) {
            return r;
        }
        throw new IllegalArgumentException("--families: unknown family '" + family + "' (known: "
                + String.join(", ", all()) + ")");
    }

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
            GanConfig base = ((GanTask) gan().task(d, scale)).config();
            if (scale == Scale.DEFAULT) {
                base = base.withDcganDiscriminator(); // as in train gan --init-from
            }
            java.nio.file.Path vae = ComparisonFolder.runFolder(ctx.comparison(), requires(), ctx.seed());
            if (weights) {
                return VaePretrainedGan.create(base, vae, ctx.device());
            }
            return new GanTask(base.withVaeDecoder(VaePretrainedGan.vaeConfig(vae, base.channels(), base.imageSize()),
                    null));
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return gan().adjust(t);
        }

        private static FamilyRecipe gan() {
            return FamilyRegistry.get("gan").recipe();
        }
    }
}
