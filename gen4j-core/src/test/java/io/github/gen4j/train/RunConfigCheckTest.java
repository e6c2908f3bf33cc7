package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited config.json is checked field by field, and a resume refuses a config its checkpoint was not trained with. */
class RunConfigCheckTest {

    @TempDir Path dir;

    static RunConfig config() {
        ObjectNode model = Json.MAPPER.createObjectNode().put("channels", 1).put("imageSize", 28).put("latentDim", 4);
        return new RunConfig("0.1.0", "vae", model, TrainConfig.builder().build(),
                new RunConfig.DataInfo("embedded", "embedded", 1, 28, 28, List.of(), 256, 64));
    }

    /** Writes config() to a run folder with {@code edit} applied to its JSON, and reads it back. */
    private RunConfig readEdited(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) Json.tree(config());
        edit.accept(json);
        RunDir run = RunDir.create(dir, "vae");
        Files.writeString(run.configFile(), json.toPrettyString());
        return run.readConfig();
    }

    @Test
    void missingOrMistypedFieldsAreNamed() {
        CheckpointException noModel = assertThrows(CheckpointException.class, () -> readEdited(j -> j.remove("model")));
        assertTrue(noModel.getMessage().endsWith("config.json: missing field 'model' (the family's model config, an object)"),
                noModel.getMessage());
        CheckpointException badLr = assertThrows(CheckpointException.class,
                () -> readEdited(j -> ((ObjectNode) j.get("train")).put("lr", "fast")));
        assertTrue(badLr.getMessage().contains("config.json: field 'train.lr': "), badLr.getMessage());
        assertEquals(1, badLr.getMessage().lines().count(), badLr.getMessage());
        CheckpointException shape = assertThrows(CheckpointException.class,
                () -> readEdited(j -> ((ObjectNode) j.get("data")).put("height", 32).put("width", 32)));
        assertTrue(shape.getMessage().contains("field 'data' says 1x32x32 images but 'model' was built for 1x28x28"),
                shape.getMessage());
    }

    @Test
    void resumeRefusesChangedTrainingButReportsALongerRun() {
        RunConfig saved = config();
        JsonNode savedJson = Json.tree(saved);
        Path cfg = dir.resolve("config.json");
        Path ckpt = dir.resolve("step-00000004.ckpt");
        assertEquals(List.of(), RunConfigCheck.againstCheckpoint(saved, savedJson, cfg, ckpt));

        RunConfig longer = new RunConfig(saved.gen4jVersion(), saved.family(), saved.model(),
                saved.train().toBuilder().steps(2 * saved.train().steps() + 10).build(), saved.data());
        List<String> changes = RunConfigCheck.againstCheckpoint(longer, savedJson, cfg, ckpt);
        assertTrue(changes.contains("train.steps: " + saved.train().steps() + " -> " + (2 * saved.train().steps() + 10)),
                changes.toString());
        assertTrue(changes.stream().allMatch(c -> c.startsWith("train.steps") || c.startsWith("train.budgetSeconds")),
                changes.toString()); // the length, which --steps and --budget may change

        ObjectNode edited = (ObjectNode) Json.tree(saved);
        ((ObjectNode) edited.get("train")).put("batchSize", 64);
        RunConfig bigger = Json.convert(edited, RunConfig.class);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> RunConfigCheck.againstCheckpoint(bigger, savedJson, cfg, ckpt));
        assertTrue(e.getMessage().contains("differs from the config that step-00000004.ckpt was trained with, in "
                + "train.batchSize: " + saved.train().batchSize() + " -> 64"), e.getMessage());
    }

    /**
     * Found by RunConfigFuzzTest: "minLrRatio": "NaN" (Jackson reads the string as a double) passed the
     * [0, 1] check and made every learning rate NaN, and "budgetSeconds": "Infinity" with no step limit made a
     * run that never ends; both are now refused with the field named.
     */
    @Test
    void nonFiniteTrainingNumbersAreRefused() {
        CheckpointException nan = assertThrows(CheckpointException.class,
                () -> readEdited(j -> ((ObjectNode) j.get("train")).put("minLrRatio", "NaN")));
        assertTrue(nan.getMessage().contains("minLrRatio must be in [0, 1], got NaN"), nan.getMessage());
        CheckpointException inf = assertThrows(CheckpointException.class,
                () -> readEdited(j -> ((ObjectNode) j.get("train")).put("budgetSeconds", "Infinity")));
        assertTrue(inf.getMessage().contains("budgetSeconds must be finite"), inf.getMessage());
    }
}
