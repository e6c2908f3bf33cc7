package io.github.gen4j.family;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.eval.ClassifierConfig;
import io.github.gen4j.eval.ClassifierTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.toy.ToyRecipe;
import io.github.gen4j.train.TrainingTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generative families gen4j knows, in the order they are listed to users, and the lookups the layers
 * above them make by family name. The names are those saved in each run's {@code config.json}, so run
 * folders written by earlier versions load unchanged.
 */
public final class FamilyRegistry {

    private static final List<Family> FAMILIES = List.of(new VaeFamily(), new GanFamily(), new DiffusionFamily(),
            new FlowFamily(), new VaeGanFamily());

    /**
     * The evaluation's feature network trains as a run of its own, so its folders load like any run; it is not
     * a generative family, so it is not listed.
     */
    private static final String CLASSIFIER = "classifier";

    private FamilyRegistry() {}

    /** Every family, in the order they are listed to users. */
    public static List<Family> all() {
        return FAMILIES;
    }

    /** The family names, in the order they are listed to users. */
    public static List<String> names() {
        return FAMILIES.stream().map(Family::name).toList();
    }

    /** The family named {@code name}, if registered. */
    public static Optional<Family> find(String name) {
        return FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The family named {@code name}; a one-line error naming the known families otherwise. */
    public static Family get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown model family '" + name
                + "' (known: " + String.join(", ", names()) + ")"));
    }

    /**
     * Rebuilds the (uninitialized) task of {@code family} from its saved model config: the registry as the
     * training core's {@link io.github.gen4j.train.TaskFactory}. Also rebuilds the feature network's
     * classifier runs.
     */
    public static TrainingTask task(String family, JsonNode modelConfig) {
        if (family.equals(CLASSIFIER)) {
            return new ClassifierTask(Json.convert(modelConfig, ClassifierConfig.class));
        }
        return get(family).task(modelConfig);
    }

    /** The latent space of a trained task, by its family. */
    public static LatentSpace latentSpace(TrainingTask task, LatentSettings settings) {
        Family f = find(task.family()).orElseThrow(() -> new IllegalArgumentException("a " + task.family()
                + " model has no latent space gen4j knows"));
        return f.latentSpace(task, settings);
    }

    /** The names of the families with a 2D toy model, in the registry's order. */
    public static List<String> toyNames() {
        return FAMILIES.stream().filter(f -> f.toy().isPresent()).map(Family::name).toList();
    }

    /**
     * The toy models of {@code names} (trimmed, any case), in the given order, for the toy gallery.
     *
     * @throws IllegalArgumentException naming the accepted families if a name has no toy model
     */
    public static Map<String, ToyRecipe> toys(List<String> names) {
        Map<String, ToyRecipe> out = new LinkedHashMap<>();
        for (String n : names) {
            String f = n.trim().toLowerCase(Locale.ROOT);
            ToyRecipe toy = find(f).flatMap(Family::toy).orElseThrow(() -> new IllegalArgumentException(
                    "unknown toy family '" + n + "' (expected one of " + String.join(", ", toyNames()) + ")"));
            out.put(f, toy);
        }
        return out;
    }
}
