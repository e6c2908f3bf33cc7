package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    /** The config.json of a GAN run written by gen4j 0.1.0, before TrainConfig had a builder. */
    private static RunConfig oldRun() throws IOException {
        try (InputStream in = TrainConfigTest.class.getResourceAsStream("config-0.1.0-gan.json")) {
            return Json.MAPPER.readValue(in, RunConfig.class);
        }
    }

    @Test
    void aConfigJsonWrittenBeforeTheBuilderLoadsWithEveryValue() throws IOException {
        TrainConfig expected = TrainConfig.builder().steps(60).batchSize(128).lr(2e-4).warmupSteps(0).cosine(false)
                .gradClip(0).emaDecay(0).logEvery(12).sampleEvery(0).evalEvery(0).checkpointEvery(60)
                .checkpointSeconds(60000).seed(42).build();
        assertEquals(expected, oldRun().train());
    }

    @Test
    void serializesToTheSameJsonAsBefore() throws IOException {
        JsonNode before;
        try (InputStream in = TrainConfigTest.class.getResourceAsStream("config-0.1.0-gan.json")) {
            before = Json.MAPPER.readTree(in).get("train");
        }
        // compared as text: same names, same order, same number formats (JSON nodes differ in int vs long)
        assertEquals(before.toString(), Json.tree(oldRun().train()).toString());
    }

    @Test
    void aMissingNanPolicyReadsAsStop() {
        JsonNode n = Json.tree(TrainConfig.builder().steps(5).build());
        ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("nanPolicy");
        assertEquals(TrainConfig.NanPolicy.STOP, Json.convert(n, TrainConfig.class).nanPolicy());
    }

    @Test
    void theBuilderStartsFromTheDocumentedDefaults() {
        TrainConfig d = TrainConfig.builder().build();
        assertEquals(new TrainConfig(0, TrainConfig.DEFAULT_BUDGET_SECONDS, TrainConfig.DEFAULT_BATCH_SIZE,
                TrainConfig.DEFAULT_LR, TrainConfig.DEFAULT_BETA1, TrainConfig.DEFAULT_BETA2,
                TrainConfig.DEFAULT_WEIGHT_DECAY, TrainConfig.DEFAULT_WARMUP_STEPS, TrainConfig.DEFAULT_COSINE,
                TrainConfig.DEFAULT_MIN_LR_RATIO, TrainConfig.DEFAULT_GRAD_CLIP, TrainConfig.DEFAULT_EMA_DECAY,
                TrainConfig.DEFAULT_LOG_EVERY, TrainConfig.DEFAULT_SAMPLE_EVERY, TrainConfig.DEFAULT_EVAL_EVERY,
                TrainConfig.DEFAULT_CHECKPOINT_EVERY, TrainConfig.DEFAULT_CHECKPOINT_SECONDS,
                TrainConfig.DEFAULT_KEEP_CHECKPOINTS, TrainConfig.DEFAULT_NAN_POLICY,
                TrainConfig.DEFAULT_MAX_ROLLBACKS, TrainConfig.DEFAULT_SEED), d);
        assertEquals(1000, d.sampleEvery(), "the sampling cadence gen4j train --help has always documented");
    }

    @Test
    void stepsAloneHaveNoBudgetBudgetAloneNoStepsAndBothAreKept() {
        assertEquals(0, TrainConfig.builder().steps(10).build().budgetSeconds());
        assertEquals(0, TrainConfig.builder().budgetSeconds(60).build().steps());
        TrainConfig both = TrainConfig.builder().steps(10).budgetSeconds(60).build();
        assertEquals(10, both.steps());
        assertEquals(60, both.budgetSeconds());
    }

    @Test
    void toBuilderKeepsEveryValueAndChangesOnlyWhatIsSet() {
        TrainConfig c = TrainConfig.builder().steps(10).budgetSeconds(60).lr(5e-4).nanPolicy(
                TrainConfig.NanPolicy.ROLLBACK).seed(3).build();
        assertEquals(c, c.toBuilder().build());
        TrainConfig longer = c.toBuilder().steps(20).build();
        assertEquals(20, longer.steps());
        assertEquals(c, longer.toBuilder().steps(10).build());
    }

    @Test
    void invalidValuesAreNamedByField() {
        InvalidTrainConfigException e = assertThrows(InvalidTrainConfigException.class,
                () -> TrainConfig.builder().steps(-1).build());
        assertEquals("steps must be >= 0, got -1", e.getMessage());
        assertEquals(List.of("steps"), e.fields());
        assertEquals("must be >= 0", e.rule());
        assertEquals("batchSize must be >= 1, got 0",
                assertThrows(InvalidTrainConfigException.class,
                        () -> TrainConfig.builder().batchSize(0).build()).getMessage());
        assertEquals("emaDecay must be in [0, 1), got 1.0",
                assertThrows(InvalidTrainConfigException.class,
                        () -> TrainConfig.builder().emaDecay(1).build()).getMessage());
        assertEquals(List.of("steps", "budgetSeconds"),
                assertThrows(InvalidTrainConfigException.class,
                        () -> TrainConfig.builder().steps(0).budgetSeconds(0).build()).fields());
        // --lr Infinity was accepted (and every weight became NaN at the first step)
        assertEquals("lr must be a finite number > 0, got Infinity",
                assertThrows(InvalidTrainConfigException.class,
                        () -> TrainConfig.builder().lr(Double.POSITIVE_INFINITY).build()).getMessage());
        assertEquals(List.of("gradClip"), assertThrows(InvalidTrainConfigException.class,
                () -> TrainConfig.builder().gradClip(Double.POSITIVE_INFINITY).build()).fields());
    }
}
