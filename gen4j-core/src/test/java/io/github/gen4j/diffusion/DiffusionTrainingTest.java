package io.github.gen4j.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.MetricsLog;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few training steps of a tiny U-Net on Fashion-MNIST lower the loss and the held-out bound. */
class DiffusionTrainingTest {

    @Test
    void lossAndHeldOutBoundFallOnAFashionMnistSubset(@TempDir Path tmp) throws IOException {
        TrainingData data = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 512, 3);
        DiffusionTask task = new DiffusionTask(UNetTest.tiny(1, 28, List.of(8, 16, 16), 0));
        TrainConfig t = new TrainConfig(60, 0, 16, 2e-3, 0.9, 0.999, 0, 5, false, 0.05, 100, 0, 5, 0, 60, 1000, 0,
                1, TrainConfig.NanPolicy.STOP, 0, 3);
        RunConfig rc = new RunConfig("test", "diffusion", Json.tree(task.config()), t,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
        new Trainer(task, data.train(), data.heldOut().head(64), rc, new RunDir(tmp), Device.cpu()).fit(false);

        List<JsonNode> log = MetricsLog.read(tmp.resolve("metrics.jsonl"));
        List<JsonNode> train = log.stream().filter(n -> n.path("kind").asText().equals("train")).toList();
        double first = train.get(0).path("loss").asDouble();
        double last = train.get(train.size() - 1).path("loss").asDouble();
        assertTrue(last < 0.6 * first, "train loss " + first + " -> " + last);
        List<JsonNode> eval = log.stream().filter(n -> n.path("kind").asText().equals("eval")).toList();
        double bpd = eval.get(eval.size() - 1).path("vlb_bpd").asDouble();
        assertTrue(Double.isFinite(bpd) && bpd > 0, "held-out bound " + bpd);
        assertTrue(Files.isRegularFile(tmp.resolve("samples/samples-step-00000060.png")));
    }
}
