package io.github.gen4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.eval.ClassifierConfig;
import io.github.gen4j.eval.ClassifierTask;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.hybrid.VaeGanConfig;
import io.github.gen4j.hybrid.VaeGanTask;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.util.List;

/** The model families gen4j knows, and how to rebuild one from the model config saved in a run. */
public final class Families {

    private Families() {}

    /** Family names, in the order they are listed to users. */
    public static List<String> names() {
        return List.of("vae", "gan", "diffusion", "flow", "vaegan");
    }

    /** Rebuilds the (uninitialized) task of {@code family} from its saved model config. */
    public static TrainingTask create(String family, JsonNode modelConfig) {
        switch (family) {
            case "vae":
                return new VaeTask(Json.convert(modelConfig, VaeConfig.class));
            case "flow":
                return new FlowTask(Json.convert(modelConfig, FlowConfig.class));
            case "gan":
                return new GanTask(Json.convert(modelConfig, GanConfig.class));
            case "diffusion":
                return new DiffusionTask(Json.convert(modelConfig, DiffusionConfig.class));
            case "vaegan":
                return new VaeGanTask(Json.convert(modelConfig, VaeGanConfig.class));
            case "classifier": // the evaluation's feature network (not a generative family, so not in names())
                return new ClassifierTask(Json.convert(modelConfig, ClassifierConfig.class));
            default:
                throw new IllegalArgumentException("unknown model family '" + family + "' (known: "
                        + String.join(", ", names()) + ")");
        }
    }
}
