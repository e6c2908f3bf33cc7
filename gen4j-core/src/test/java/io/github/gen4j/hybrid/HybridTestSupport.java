package io.github.gen4j.hybrid;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.MetricsLog;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Tiny hybrid models on 8x8 shapes, and a trainer for them. */
final class HybridTestSupport {

    private HybridTestSupport() {}

    static final ImageDataset DATA = TestImages.shapes(256, 1, 8, 1);
    static final ImageDataset HELD_OUT = TestImages.shapes(64, 1, 8, 2);

    /** 8x8 gray VAE: widths 8, 16 (8 -> 4 -> 2), hidden 32, latent 4. */
    static VaeConfig tinyVae(Likelihood l) {
        return new VaeConfig(1, 8, List.of(8, 16), 32, 4, l, 1.0, 0);
    }

    /** The tiny VAE with a sigmoid decoder, D widths 8, 16, reconstruction in D's last layer. */
    static VaeGanConfig tinyVaeGan() {
        return new VaeGanConfig(tinyVae(Likelihood.BERNOULLI), List.of(8, 16), 2, 1.0,
                VaeGanConfig.DEFAULT_RECIPE.withLr(2e-3, 2e-3));
    }

    /** Batch 16, constant learning rate, a metrics line every step, checkpoints every 4 steps, seed 7. */
    static TrainConfig train(long steps, double lr) {
        return TrainConfig.builder().steps(steps).batchSize(16).lr(lr).warmupSteps(0).cosine(false).gradClip(0)
                .emaDecay(0.9).logEvery(1).evalEvery(0).checkpointEvery(4).keepCheckpoints(2).seed(7).build();
    }

    static Trainer trainer(TrainingTask task, TrainConfig t, Path dir) {
        RunConfig rc = new RunConfig("test", task.family(), Json.tree(task.modelConfig()), t,
                RunConfig.DataInfo.of("test shapes", "test", DATA, HELD_OUT));
        return new Trainer(task, DATA, HELD_OUT, rc, new RunDir(dir), Device.cpu());
    }

    /** The values of one metric on the run's "train" lines, in step order. */
    static double[] trainMetric(Path dir, String key) throws IOException {
        return MetricsLog.read(new RunDir(dir).metricsFile()).stream()
                .filter(n -> n.path("kind").asText().equals("train") && n.has(key))
                .mapToDouble(n -> n.path(key).asDouble()).toArray();
    }

    /** Mean of values[from, to). */
    static double mean(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s / (to - from);
    }

    static JsonNode lastEval(Path dir) throws IOException {
        List<JsonNode> lines = MetricsLog.read(new RunDir(dir).metricsFile());
        JsonNode last = null;
        for (JsonNode n : lines) {
            if (n.path("kind").asText().equals("eval")) {
                last = n;
            }
        }
        return last;
    }
}
