package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.FlowLatent;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.toy.ToyFlow;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.util.Optional;

/** The normalizing flow ({@code flow}, Glow): latent = the exact inverse; toy = RealNVP on the flow's layers. */
final class FlowFamily implements Family {

    /** As {@code gen4j train flow}: Glow, 2 levels x 8 steps for 28x28, coupling width 128, lr 1e-3. */
    private static final FamilyRecipe RECIPE = new FamilyRecipe() {
        @Override public String family() {
            return "flow";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            Recipes.requireSquare(d, "flow");
            FlowConfig c = FlowConfig.defaults(d.channels(), d.height());
            return new FlowTask(scale == Scale.TINY ? c.withSteps(2).withHidden(16) : c);
        }

        @Override public boolean exactLikelihood() {
            return true;
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return t; // the shared settings are TrainConfig's defaults, which are the likelihood families' own
        }
    };

    @Override public String name() {
        return "flow";
    }

    @Override public String displayName() {
        return "Flow";
    }

    @Override public TrainingTask task(JsonNode modelConfig) {
        return new FlowTask(Json.convert(modelConfig, FlowConfig.class));
    }

    @Override public LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        return new FlowLatent((FlowTask) task);
    }

    @Override public FamilyRecipe recipe() {
        return RECIPE;
    }

    @Override public Optional<ToyRecipe> toy() {
        return Optional.of(ToyRecipe.of(ToyFlow::defaults));
    }
}
