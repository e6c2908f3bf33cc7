package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.train.TrainingTask;
import java.util.Optional;

/**
 * One generative family's registration: everything the layers above the families (run loading, latent tools,
 * the comparison, the toy gallery) need to know about it, in one place. Adding a family means writing its
 * package and one implementation of this interface listed in {@link FamilyRegistry}.
 */
public interface Family {

    /** The name on the command line, in {@code config.json} and in run folder names ("vae", "gan", ...). */
    String name();

    /** The name reports put in sentences ("VAE", "Diffusion"). */
    String displayName();

    /**
     * The (uninitialized) task from a run's saved model config, as {@code config.json} stores it.
     *
     * @throws IllegalArgumentException if the config does not describe this family's model
     */
    TrainingTask task(JsonNode modelConfig);

    /**
     * The latent space of a trained task of this family (one built by {@link #task} or by the family's
     * train command).
     */
    LatentSpace latentSpace(TrainingTask task, LatentSettings settings);

    /** How the family takes part in a comparison: its default model, training settings and sampler variants. */
    FamilyRecipe recipe();

    /** The family's 2D toy model for the toy gallery, if it has one. */
    default Optional<ToyRecipe> toy() {
        return Optional.empty();
    }
}
