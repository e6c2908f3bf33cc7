package io.github.gen4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.MetricsLog;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few training steps of a tiny U-Net on a small image set lower the loss; the bound is reported. */
class DiffusionTrainingTest {

    @Test
    void lossFallsOnASmallSubsetAndTheHeldOutBoundIsLogged(@TempDir Path tmp) throws IOException {
        ImageDataset train = TestImages.shapes(256, 1, 16, 3);
        ImageDataset heldOut = TestImages.shapes(16, 1, 16, 4);
        DiffusionTask task = new DiffusionTask(UNetTest.tiny(1, 16, List.of(8, 16, 16), 0));
        TrainConfig t = TrainConfig.builder().steps(50).batchSize(16).lr(2e-3).warmupSteps(5).cosine(false).emaDecay(0)
                .logEvery(5).evalEvery(50).keepCheckpoints(1).seed(3).build();
        RunConfig rc = new RunConfig("test", "diffusion", Json.tree(task.config()), t,
                RunConfig.DataInfo.of("test shapes", "test", train, heldOut));
        new Trainer(task, train, heldOut, rc, new RunDir(tmp), Device.cpu()).fit(false);

        List<JsonNode> log = MetricsLog.read(tmp.resolve("metrics.jsonl"));
        List<JsonNode> steps = log.stream().filter(n -> n.path("kind").asText().equals("train")).toList();
        double first = steps.get(0).path("loss").asDouble();
        double last = steps.get(steps.size() - 1).path("loss").asDouble();
        assertTrue(last < 0.6 * first, "train loss " + first + " -> " + last);
        List<JsonNode> eval = log.stream().filter(n -> n.path("kind").asText().equals("eval")).toList();
        double bpd = eval.get(eval.size() - 1).path("vlb_bpd").asDouble();
        assertTrue(Double.isFinite(bpd) && bpd > 0, "held-out bound " + bpd);
        assertTrue(Files.isRegularFile(tmp.resolve("samples/samples-step-00000050.png")));
    }
}
