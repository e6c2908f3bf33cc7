package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.latent.VaeLatent;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.toy.ToyVae;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.util.List;
import java.util.Optional;

/** The variational autoencoder ({@code vae}): latent = the posterior mean, toy = a VAE with a 2-D latent. */
final class VaeFamily implements Family {

    /** As {@code gen4j train vae}: default widths, hidden 512, latent 32, discretized-logistic decoder,
     * constant lr 1e-3 without EMA ({@link VaeConfig#schedule}). */
    private static final FamilyRecipe RECIPE = new FamilyRecipe() {
        @Override public String family() {
            return "vae";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            Recipes.requireSquare(d, "VAE");
            VaeConfig c = VaeConfig.defaults(d.channels(), d.height());
            return new VaeTask(scale == Scale.TINY ? c.withWidths(List.of(8, 16), 64).withLatentDim(8) : c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return VaeConfig.schedule(t.toBuilder()).build();
        }
    };

    @Override public String name() {
        return "vae";
    }

    @Override public String displayName() {
        return "VAE";
    }

    @Override public TrainingTask task(JsonNode modelConfig) {
        return new VaeTask(Json.convert(modelConfig, VaeConfig.class));
    }

    @Override public LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        return new VaeLatent((VaeTask) task);
    }

    @Override public FamilyRecipe recipe() {
        return RECIPE;
    }

    @Override public Optional<ToyRecipe> toy() {
        return Optional.of(ToyRecipe.of(ToyVae::defaults));
    }
}
