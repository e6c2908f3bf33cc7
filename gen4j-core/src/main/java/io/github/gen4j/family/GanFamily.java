package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.GanLatent;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.toy.ToyGan;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The generative adversarial network ({@code gan}): latent = z, recovered from an image by optimization;
 * toy = MLPs trained with the image GAN's own step ({@link ToyGan}).
 */
final class GanFamily implements Family {

    /**
     * As {@code gen4j train gan}: the DCGAN recipe ({@link GanPreset#PLAIN}: non-saturating loss, Adam 2e-4
     * (0.5, 0.999), no EMA, constant learning rate) with the textbook BatchNorm generator, which beat the
     * stabilized preset and a plain PyTorch DCGAN at equal steps at the textbook width (bench/parity.py, issue
     * 14), at the half width of {@link GanConfig#defaults} for 28x28 (more steps per minute).
     */
    private static final FamilyRecipe RECIPE = new FamilyRecipe() {
        @Override public String family() {
            return "gan";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            Recipes.requireSquare(d, "GAN");
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
            return GanPreset.DEFAULT.schedule(t.toBuilder()).build();
        }
    };

    @Override public String name() {
        return "gan";
    }

    @Override public String displayName() {
        return "GAN";
    }

    @Override public TrainingTask task(JsonNode modelConfig) {
        return new GanTask(Json.convert(modelConfig, GanConfig.class));
    }

    @Override public LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        return new GanLatent((GanTask) task, settings.recovery());
    }

    @Override public FamilyRecipe recipe() {
        return RECIPE;
    }

    @Override public Optional<ToyRecipe> toy() {
        return Optional.of(ToyGan::galleryFit);
    }
}
