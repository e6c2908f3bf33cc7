package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.Runs;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.ModelState;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small Glow on a Fashion-MNIST subset: likelihood falls, sampling and the exact encoding work. */
class FlowTaskTest {

    @TempDir static Path tmp;
    static TrainingData data;
    static Path run;
    static double freshBpd;
    static double noiseBpd;

    static FlowConfig small() {
        return FlowConfig.defaults(1, 28).withSteps(2).withHidden(16);
    }

    static TrainConfig config(long steps) {
        return TrainConfig.builder().steps(steps).batchSize(32).lr(3e-3).warmupSteps(5).cosine(false).gradClip(50)
                .emaDecay(0).logEvery(10).keepCheckpoints(10).seed(5).build();
    }

    static RunConfig runConfig(FlowTask task, TrainConfig t) {
        return new RunConfig("test", "flow", Json.tree(task.config()), t,
                RunConfig.DataInfo.of(data.note(), data.spec(), data.train(), data.heldOut()));
    }

    @BeforeAll
    static void trainAFewSteps() {
        data = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 256, 3);
        // bits/dim of the freshly initialized model: on uniform noise, and on the training subset
        FlowTask fresh = new FlowTask(small());
        try (NDManager root = NDManager.newBaseManager(); ModelState s = new ModelState(fresh, null, 5, root);
                NDManager m = root.newSubManager()) {
            Gen4j.engine().setRandomSeed(11);
            NDArray noise = m.randomInteger(0, 256, new Shape(64, 1, 28, 28), ai.djl.ndarray.types.DataType.INT32)
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            noiseBpd = fresh.bitsPerDimSum(m, new Batch(noise, null), 1).get("bpd") / 64;
            freshBpd = fresh.bitsPerDimSum(m, Batcher.range(data.train(), 0, 128, m), 1).get("bpd") / 128;
        }
        run = tmp.resolve("run");
        FlowTask task = new FlowTask(small());
        new Trainer(task, data.train(), data.heldOut().head(64), runConfig(task, config(40)), new RunDir(run),
                Device.cpu()).fit(false);
    }

    @Test
    void freshModelHasFiniteBitsPerDimAndTrainingLowersIt() {
        assertTrue(Double.isFinite(noiseBpd) && noiseBpd > 0, "fresh model on uniform noise: " + noiseBpd);
        assertTrue(Double.isFinite(freshBpd), "fresh model on data: " + freshBpd);
        try (LoadedRun model = Runs.load(run, null, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            Gen4j.engine().setRandomSeed(11);
            double trained = ((FlowTask) model.task())
                    .bitsPerDimSum(m, Batcher.range(data.train(), 0, 128, m), 1).get("bpd") / 128;
            assertTrue(trained < freshBpd - 0.5, "bits/dim on the subset: " + freshBpd + " -> " + trained);
        }
    }

    @Test
    void temperatureZeroSamplingReturnsTheDecodedZeroLatent() {
        try (LoadedRun model = Runs.load(run, null, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            FlowTask flow = (FlowTask) model.task();
            NDArray samples = flow.generate(m, 4, SampleOptions.defaults().withTemperature(0));
            NDArray decoded = flow.decode(m, m.zeros(new Shape(4, flow.latentDim())), null);
            assertEquals(0f, samples.sub(decoded).abs().max().getFloat(), 1e-6f);
            // and a trained model's mode is not a flat image
            assertTrue(decoded.get(0).max().getFloat() - decoded.get(0).min().getFloat() > 0.05f);
        }
    }

    @Test
    void encodeDecodeIsExactOnEightBitImages() {
        try (LoadedRun model = Runs.load(run, null, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            FlowTask flow = (FlowTask) model.task();
            Batch b = Batcher.range(data.heldOut(), 0, 8, m);
            NDArray z = flow.encode(m, b.pixels(), null);
            assertEquals(new Shape(8, 784), z.getShape());
            NDArray x = flow.decode(m, z, null); // v / 255 on the 8-bit grid
            assertEquals(0f, x.mul(255f).round().sub(b.pixels()).abs().max().getFloat(), 0f,
                    "decode(encode(v)) must give v back");
            // the continuous inverse returns the bin centres (v + 0.5) / 256 to float32 precision
            NDArray centres = flow.network().decode(new ParameterStore(m, false), z, null);
            float err = centres.sub(b.pixels().add(0.5f).div(256f)).abs().max().getFloat();
            assertTrue(err < 1e-4f, "continuous inverse error " + err);
            assertTrue(flow.reconstruct(m, b.pixels(), null).sub(x).abs().max().getFloat() < 1e-6f);
        }
    }
}
