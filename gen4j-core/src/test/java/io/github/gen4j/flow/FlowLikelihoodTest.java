package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.family.Runs;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.ModelState;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bits/dim bookkeeping against an analytic case; variational dequantization and the conditional prior. */
class FlowLikelihoodTest {

    /**
     * A fresh flow with the plain shift (logit alpha 0) is a rotation of x - 0.5: every coupling starts
     * at the identity, ActNorm is not initialized yet, the 1x1 convolutions are rotations (log |det| 0)
     * and the priors are N(0, I). For constant pixels v = 128, x = (128 + u) / 256 lies within 1/256 of
     * 0.5, so log p(x) = -D/2 log(2 pi) up to 1e-5 and bits/dim = 8 + log2(2 pi) / 2.
     */
    @Test
    void freshShiftFlowGivesTheAnalyticBitsPerDim() {
        FlowConfig cfg = new FlowConfig(1, 8, FlowConfig.Architecture.GLOW, 2, 2, 8, 2.0, 0.0,
                FlowConfig.Dequantization.UNIFORM, 0);
        FlowTask task = new FlowTask(cfg);
        try (NDManager root = NDManager.newBaseManager(); ModelState s = new ModelState(task, null, 1, root);
                NDManager m = root.newSubManager()) {
            Gen4j.engine().setRandomSeed(2);
            NDArray raw = m.full(new Shape(4, 1, 8, 8), 128f);
            double bpd = task.bitsPerDimSum(m, new Batch(raw, null), 1).get("bpd") / 4;
            assertEquals(8 + 0.5 * Math.log(2 * Math.PI) / Math.log(2), bpd, 1e-3);
        }
    }

    @Test
    void variationalConditionalFlowTrainsSamplesPerClassAndItsImportanceBoundIsTighter(@TempDir Path tmp) {
        ImageDataset data = TestImages.shapes(96, 1, 8, 4);
        FlowConfig cfg = new FlowConfig(1, 8, FlowConfig.Architecture.REALNVP, 2, 1, 8, 2.0, 0.05,
                FlowConfig.Dequantization.VARIATIONAL, 3);
        FlowTask task = new FlowTask(cfg);
        TrainConfig t = TrainConfig.builder().steps(6).batchSize(16).lr(3e-3).warmupSteps(2).cosine(false).gradClip(50)
                .emaDecay(0).logEvery(3).keepCheckpoints(5).seed(6).build();
        RunConfig rc = new RunConfig("test", "flow", Json.tree(cfg), t, RunConfig.DataInfo.of("shapes", "test", data, data));
        Path run = tmp.resolve("run");
        Trainer.Result r = new Trainer(task, data, data.head(32), rc, new RunDir(run), Device.cpu()).fit(false);
        assertTrue(Double.isFinite(r.lastEval().get("bpd")), r.lastEval().toString());
        assertTrue(Files.exists(run.resolve("samples/samples-t0.8-step-00000006.png")));

        try (LoadedRun model = Runs.load(run, null, Device.cpu()); NDManager m = model.manager().newSubManager()) {
            FlowTask flow = (FlowTask) model.task();
            Gen4j.engine().setRandomSeed(5);
            Map<String, Double> b = flow.bitsPerDimSum(m, Batcher.range(data, 0, 16, m), 4);
            assertTrue(Double.isFinite(b.get("bpd")) && b.get("iw_bpd") <= b.get("bpd") + 1e-6, b.toString());
            NDArray twos = flow.generate(m, 3, SampleOptions.ofClass(2).withTemperature(0));
            assertEquals(new Shape(3, 1, 8, 8), twos.getShape());
            // temperature 0 and one class: the class's mode three times
            assertEquals(0f, twos.get(0).sub(twos.get(2)).abs().max().getFloat(), 0f);
            Batch one = Batcher.range(data, 0, 1, m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> flow.encode(m, one.pixels(), null));
            assertTrue(e.getMessage().contains("class"), e.getMessage());
            NDArray z = flow.encode(m, one.pixels(), one.labels());
            assertEquals(0f, flow.decode(m, z, one.labels()).mul(255f).round().sub(one.pixels()).abs().max()
                    .getFloat(), 0f, "exact with the class label");
        }
    }
}
