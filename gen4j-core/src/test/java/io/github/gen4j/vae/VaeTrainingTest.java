package io.github.gen4j.vae;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small VAE really learns Fashion-MNIST: training loss and held-out bound both fall. */
class VaeTrainingTest {

    @Test
    void lossAndHeldOutBoundFallOnAFashionMnistSubset(@TempDir Path tmp) throws IOException {
        TrainingData data = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 1024, 3);
        VaeTask task = new VaeTask(new VaeConfig(1, 28, List.of(16, 32), 128, 16, Likelihood.GAUSSIAN, 1, 0));
        TrainConfig t = TrainConfig.builder().steps(160).batchSize(32).lr(3e-3).warmupSteps(10).cosine(false).emaDecay(0)
                .logEvery(10).evalEvery(40).keepCheckpoints(1).seed(3).build();
        RunConfig rc = new RunConfig("test", "vae", Json.tree(task.config()), t,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
        new Trainer(task, data.train(), data.heldOut().head(256), rc, new RunDir(tmp), Device.cpu()).fit(false);

        List<JsonNode> log = MetricsLog.read(tmp.resolve("metrics.jsonl"));
        List<JsonNode> train = log.stream().filter(n -> n.path("kind").asText().equals("train")).toList();
        List<JsonNode> eval = log.stream().filter(n -> n.path("kind").asText().equals("eval")).toList();
        double firstLoss = train.get(0).path("loss").asDouble();
        double lastLoss = train.get(train.size() - 1).path("loss").asDouble();
        double firstBpd = eval.get(0).path("elbo_bpd").asDouble();
        double lastBpd = eval.get(eval.size() - 1).path("elbo_bpd").asDouble();
        assertTrue(lastLoss < firstLoss - 0.3, "train loss " + firstLoss + " -> " + lastLoss);
        assertTrue(lastBpd < firstBpd - 0.3, "held-out ELBO bits/dim " + firstBpd + " -> " + lastBpd);
        // 8 bits/dim is the uniform distribution over the 256 pixel values: a model that learned beats it
        assertTrue(lastBpd < 8.0, "held-out ELBO bits/dim " + lastBpd);
    }
}
