package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.hybrid.VaeGanConfig;
import io.github.gen4j.hybrid.VaeGanTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.CodecLatent;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.util.List;

/** Larsen et al.'s VAE-GAN ({@code vaegan}): latent = its encoder's code; no 2D toy model. */
final class VaeGanFamily implements Family {

    /** As {@code gen4j train vaegan}: Larsen et al.'s VAE-GAN with its default recipe (Adam 3e-4, beta1 0.5). */
    private static final FamilyRecipe RECIPE = new FamilyRecipe() {
        @Override public String family() {
            return "vaegan";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            Recipes.requireSquare(d, "VAE-GAN");
            VaeGanConfig c = VaeGanConfig.defaults(d.channels(), d.height());
            if (scale == Scale.TINY) {
                c = c.withVae(c.vae().withWidths(List.of(8, 16), 64).withLatentDim(8))
                        .withDiscriminator(List.of(8, 16), 2);
            }
            return new VaeGanTask(c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return t.toBuilder().lr(VaeGanConfig.DEFAULT_RECIPE.lrG()).build();
        }
    };

    @Override public String name() {
        return "vaegan";
    }

    @Override public String displayName() {
        return "VAE-GAN";
    }

    @Override public TrainingTask task(JsonNode modelConfig) {
        return new VaeGanTask(Json.convert(modelConfig, VaeGanConfig.class));
    }

    @Override public LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        VaeGanTask h = (VaeGanTask) task;
        var v = h.config().vae();
        return new CodecLatent(h.family(), h, v.channels(), v.imageSize());
    }

    @Override public FamilyRecipe recipe() {
        return RECIPE;
    }
}
