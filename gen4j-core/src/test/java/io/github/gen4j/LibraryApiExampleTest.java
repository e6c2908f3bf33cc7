package io.github.gen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.Runs;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of the README, kept compiling and running (with a tiny model and few steps). */
class LibraryApiExampleTest {

    @Test
    void readmeExampleTrainsAndSamples(@TempDir Path runs) {
        // --- README example starts here (the README uses VaeConfig.defaults and a 2-minute budget) ---
        TrainingData data = TrainingData.resolve("embedded", System.getenv(), ImageFolderOptions.defaults(), 0, 42);
        VaeTask vae = new VaeTask(VaeConfig.defaults(1, 28).withWidths(List.of(8, 16), 32).withLatentDim(4));
        TrainConfig train = TrainConfig.builder().steps(3).build();
        RunConfig config = new RunConfig(Gen4j.VERSION, vae.family(), Json.tree(vae.config()), train,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
        RunDir run = RunDir.create(runs, "vae");
        Trainer.Result result = new Trainer(vae, data.train(), data.heldOut(), config, run, Gen4j.device("auto"))
                .fit(false);

        try (LoadedRun model = Runs.load(run.root(), null, Gen4j.device("auto"));
                NDManager m = model.manager().newSubManager()) {
            NDArray images = model.generator().generate(m, 16, SampleOptions.defaults()); // (16, 1, 28, 28) in [0, 1]
            // --- README example ends here ---
            assertEquals(new Shape(16, 1, 28, 28), images.getShape());
            assertTrue(images.min().getFloat() >= 0 && images.max().getFloat() <= 1);
        }
        assertEquals(3, result.steps());
    }
}
