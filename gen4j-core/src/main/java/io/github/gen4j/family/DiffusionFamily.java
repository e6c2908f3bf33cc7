package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.DiffusionLatent;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.toy.ToyDiffusion;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.util.List;
import java.util.Optional;

/** The denoising diffusion model ({@code diffusion}): latent = x_T by DDIM inversion; toy = an MLP denoiser. */
final class DiffusionFamily implements Family {

    /**
     * As {@code gen4j train diffusion}: the default U-Net, T = 1000, Ho et al.'s schedule (lr 2e-4 after a
     * 100-step warm-up, clip 1, EMA 0.999, {@link DiffusionConfig#schedule}); sampled with the default
     * DPM-Solver++(2M), and measured also with DDPM (all T steps) and DDIM (50 steps).
     */
    private static final FamilyRecipe RECIPE = new FamilyRecipe() {
        @Override public String family() {
            return "diffusion";
        }

        @Override public TrainingTask task(ImageDataset d, Scale scale) {
            Recipes.requireSquare(d, "U-Net");
            DiffusionConfig c = DiffusionConfig.defaults(d.channels(), d.height());
            if (scale == Scale.TINY) {
                c = new DiffusionConfig(c.channels(), c.imageSize(), c.widths().stream().map(w -> w / 4).toList(), 1,
                        c.attention(), 1, 0.1, 4, 100, c.schedule(), c.prediction(), 0, c.labelDropout());
            }
            return new DiffusionTask(c);
        }

        @Override public TrainConfig adjust(TrainConfig t) {
            return DiffusionConfig.schedule(t.toBuilder()).build();
        }

        @Override public List<SamplerVariant> variants(TrainingTask task) {
            int steps = ((DiffusionTask) task).config().timesteps();
            // the full-length DDPM sampler (the claims' reference) and DDIM with 50 steps
            return List.of(new SamplerVariant("ddpm", steps), new SamplerVariant("ddim", Math.min(50, steps)));
        }
    };

    @Override public String name() {
        return "diffusion";
    }

    @Override public String displayName() {
        return "Diffusion";
    }

    @Override public TrainingTask task(JsonNode modelConfig) {
        return new DiffusionTask(Json.convert(modelConfig, DiffusionConfig.class));
    }

    @Override public LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        return new DiffusionLatent((DiffusionTask) task, settings);
    }

    @Override public FamilyRecipe recipe() {
        return RECIPE;
    }

    @Override public Optional<ToyRecipe> toy() {
        return Optional.of(ToyRecipe.of(ToyDiffusion::defaults));
    }
}
