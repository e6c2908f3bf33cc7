package io.github.gen4j.family;

import ai.djl.Device;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.nio.file.Path;
import java.util.List;

/**
 * How one family takes part in a comparison: its model for the data (the defaults of
 * {@code gen4j train FAMILY}, or a tiny version for demonstrations and tests), the changes the family makes
 * to the shared training settings (its learning rate, warm-up, EMA, exactly as its train command does), and
 * extra sampler settings worth measuring (a diffusion model's samplers).
 */
public interface FamilyRecipe {

    /** Model sizes: what {@code gen4j train FAMILY} uses by default, or a tiny model that trains in seconds. */
    enum Scale {
        DEFAULT, TINY;

        public static Scale parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "default" -> DEFAULT;
                case "tiny" -> TINY;
                default -> throw new IllegalArgumentException("--models: expected default or tiny, got '" + s + "'");
            };
        }
    }

    /**
     * Where a run of a comparison is made: the comparison's folder, the run's seed and the device (for
     * recipes that build on another run of the same comparison).
     */
    record Context(Path comparison, long seed, Device device) {}

    /** The family name as registered in {@link FamilyRegistry} (the runs' model family). */
    String family();

    /**
     * The name in {@code --families} and in the report: the family name, unless the recipe is a variant of a
     * family (e.g. {@code gan-vaeinit}: a GAN whose generator starts as the comparison's VAE decoder).
     */
    default String name() {
        return family();
    }

    /** Part of the comparison when {@code --families} is not given. */
    default boolean byDefault() {
        return true;
    }

    /**
     * The name of a recipe whose runs this one builds on (the run of the same seed), or null. Such a recipe
     * must come earlier in {@code --families} with at least as many seeds.
     */
    default String requires() {
        return null;
    }

    /** The task (untrained model) for images shaped like {@code train}. */
    TrainingTask task(ImageDataset train, Scale scale);

    /** The task of the run {@code ctx}; by default {@link #task(ImageDataset, Scale)}. */
    default TrainingTask task(ImageDataset train, Scale scale, Context ctx) {
        return task(train, scale);
    }

    /** The family's training settings from the shared ones (learning rate, warm-up, EMA). */
    TrainConfig adjust(TrainConfig shared);

    /** True when the family's likelihood is exact (a flow's change of variables), not a bound. */
    default boolean exactLikelihood() {
        return false;
    }

    /** Extra sampling settings to measure (none by default). */
    default List<SamplerVariant> variants(TrainingTask task) {
        return List.of();
    }
}
