package io.github.gen4j.studio;

import ai.djl.Device;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.gan.GeneratorBlocks;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny trained runs for studio tests, made once per test JVM in a temporary runs folder: a few training
 * steps through the core API on 256 images of the embedded data (so that the runs' held-out images can be
 * found again from their config, as for a real run). Ids: {@link #VAE}, {@link #GAN} (conditional, 10
 * classes), {@link #DIFFUSION}.
 */
final class ModelTinyRuns {

    static final String VAE = "vae-tiny";
    static final String GAN = "gan-tiny";
    static final String DIFFUSION = "diffusion-tiny";

    private static Path shared;

    private ModelTinyRuns() {}

    /** The runs folder holding the three runs (trained on first use, deleted when the JVM exits). */
    static synchronized Path folder() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("gen4j-studio-runs");
                create(dir);
                shared = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Trains the three tiny runs into {@code runs}. */
    static void create(Path runs) {
        TrainingData data = TrainingData.resolve(TrainingData.EMBEDDED, System.getenv(), ImageFolderOptions.defaults(),
                256, 1);
        train(runs.resolve(VAE), new VaeTask(new VaeConfig(1, 28, List.of(8, 16), 32, 4, Likelihood.GAUSSIAN, 1.0, 0)),
                data);
        train(runs.resolve(GAN), new GanTask(new GanConfig(1, 28, 8, List.of(16, 8, 8), List.of(8, 16), 10,
                GanPreset.PLAIN.recipe().withLr(2e-3, 2e-3)).withGeneratorBlocks(GeneratorBlocks.PIXELNORM)), data);
        train(runs.resolve(DIFFUSION), new DiffusionTask(new DiffusionConfig(1, 28, List.of(8, 16, 16), 1, false, 2, 0.0,
                4, 20, NoiseSchedule.Kind.LINEAR, DiffusionConfig.Prediction.EPSILON, 0, 0.2)), data);
    }

    private static void train(Path dir, TrainingTask task, TrainingData data) {
        TrainConfig t = TrainConfig.builder().steps(3).batchSize(16).warmupSteps(0).logEvery(1).evalEvery(0)
                .sampleEvery(0).checkpointEvery(3).keepCheckpoints(2).seed(5).build();
        RunConfig config = new RunConfig(Gen4j.VERSION, task.family(), Json.tree(configOf(task)), t,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
        long t0 = System.nanoTime();
        // evaluated on a few held-out images (fast); the config names the whole data, which the studio reloads
        new Trainer(task, data.train(), data.heldOut().head(32), config, new RunDir(dir), Device.cpu()).fit(false);
        System.err.printf("trained %s in %.1f s%n", dir.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    private static Object configOf(TrainingTask task) {
        if (task instanceof VaeTask v) {
            return v.config();
        }
        if (task instanceof GanTask g) {
            return g.config();
        }
        return ((DiffusionTask) task).config();
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: best effort
        }
    }
}
