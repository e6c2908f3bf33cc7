package io.github.gen4j.compare;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
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

    /** A named sampling setting measured in addition to the family's default one. */
    record Variant(String name, SampleOptions options) {}

    /** The family name as registered in {@link io.github.gen4j.model.Families}. */
    String family();

    /** The task (untrained model) for images shaped like {@code train}. */
    TrainingTask task(ImageDataset train, Scale scale);

    /** The family's training settings from the shared ones (learning rate, warm-up, EMA). */
    TrainConfig adjust(TrainConfig shared);

    /** True when the family's likelihood is exact (a flow's change of variables), not a bound. */
    default boolean exactLikelihood() {
        return false;
    }

    /** Extra sampling settings to measure (none by default). */
    default List<Variant> variants(TrainingTask task) {
        return List.of();
    }
}
