package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.vae.Likelihood;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    static final ImageDataset DATA = TestImages.shapes(256, 1, 8, 1);
    static final ImageDataset HELD_OUT = TestImages.shapes(64, 1, 8, 2);

    static VaeConfig tinyVae() {
        return new VaeConfig(1, 8, List.of(8, 16), 32, 4, Likelihood.GAUSSIAN, 1.0, 0);
    }

    static TrainConfig config(long steps, TrainConfig.NanPolicy policy) {
        return TrainConfig.builder().steps(steps).batchSize(16).lr(3e-3).weightDecay(0.01).warmupSteps(3)
                .minLrRatio(0.1).gradClip(5).emaDecay(0.9).logEvery(2).checkpointEvery(4).keepCheckpoints(2)
                .nanPolicy(policy).maxRollbacks(2).seed(7).build();
    }

    static RunConfig runConfig(TrainingTask task, TrainConfig t) {
        return new RunConfig("test", task.family(), Json.tree(task.modelConfig()), t,
                RunConfig.DataInfo.of("test shapes", "test", DATA, HELD_OUT));
    }

    static Trainer trainer(TrainingTask task, TrainConfig t, Path dir) {
        return new Trainer(task, DATA, HELD_OUT, runConfig(task, t), new RunDir(dir), Device.cpu());
    }

    static Map<String, NDArray> arrays(Path ckpt, NDManager m) {
        return Checkpoint.read(ckpt, m).arrays();
    }

    @Test
    void resumeGivesTheSameParametersAsAnUninterruptedRun(@TempDir Path tmp) {
        TrainConfig t = config(20, TrainConfig.NanPolicy.STOP);
        Trainer.Result full = trainer(new VaeTask(tinyVae()), t, tmp.resolve("full")).fit(false);
        assertEquals(20, full.steps());

        Trainer first = trainer(new VaeTask(tinyVae()), t, tmp.resolve("split"));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 10) {
                    first.requestStop();
                }
            }
        });
        Trainer.Result half = first.fit(false);
        assertEquals(10, half.steps());
        assertTrue(half.stoppedEarly());
        Trainer.Result resumed = trainer(new VaeTask(tinyVae()), t, tmp.resolve("split")).fit(true);
        assertEquals(20, resumed.steps());

        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = arrays(full.lastCheckpoint(), m);
            Map<String, NDArray> b = arrays(resumed.lastCheckpoint(), m);
            assertEquals(a.keySet(), b.keySet());
            int checked = 0;
            for (String k : a.keySet()) {
                float diff = a.get(k).sub(b.get(k)).abs().max().getFloat();
                assertTrue(diff <= 1e-5, k + " differs by " + diff);
                checked++;
            }
            // weights, two Adam moments and EMA for each parameter
            assertTrue(checked >= 4 * 2 && a.keySet().stream().anyMatch(k -> k.startsWith("opt/")));
            // and the equality is not trivial: 20 steps moved the weights away from their initialization
            try (ModelState init = new ModelState(new VaeTask(tinyVae()), t, t.seed(), m)) {
                String key = a.keySet().stream().filter(k -> k.startsWith("net/")).findFirst().orElseThrow();
                float moved = a.get(key).sub(init.weight(key.substring(4))).abs().max().getFloat();
                assertTrue(moved > 1e-3, key + " moved only " + moved);
            }
        }
    }

    @Test
    void checkpointRoundTripRestoresWeightsAndHeader(@TempDir Path tmp) throws IOException {
        Trainer.Result r = trainer(new VaeTask(tinyVae()), config(6, TrainConfig.NanPolicy.STOP), tmp).fit(false);
        try (NDManager root = NDManager.newBaseManager()) {
            VaeTask task = new VaeTask(tinyVae());
            try (ModelState s = new ModelState(task, config(6, TrainConfig.NanPolicy.STOP), 99, root)) {
                JsonNode h = s.load(r.lastCheckpoint(), true, false);
                assertEquals(6, h.path("step").asLong());
                assertEquals(6, s.optimizers().get("model").stepCount());
                Map<String, NDArray> saved = arrays(r.lastCheckpoint(), root);
                for (String k : saved.keySet()) {
                    if (k.startsWith("net/")) {
                        NDArray w = s.weight(k.substring(4));
                        assertEquals(0f, saved.get(k).sub(w).abs().max().getFloat(), 0f, k);
                    }
                }
            }
        }
        // config.json and metrics.jsonl parse back
        RunConfig rc = new RunDir(tmp).readConfig();
        assertEquals("vae", rc.family());
        assertEquals(6, rc.train().steps());
        List<JsonNode> lines = MetricsLog.read(tmp.resolve("metrics.jsonl"));
        assertTrue(lines.stream().anyMatch(n -> n.path("kind").asText().equals("train")
                && n.has("loss") && n.has("images_per_s")));
        assertTrue(lines.stream().anyMatch(n -> n.path("kind").asText().equals("eval") && n.has("elbo_bpd")));
        assertTrue(Files.exists(tmp.resolve("samples/samples-step-00000006.png")));
        assertTrue(Files.exists(tmp.resolve("samples/reconstructions-step-00000006.png")));
    }

    @Test
    void interruptedSaveLeavesThePreviousCheckpointLoadable(@TempDir Path tmp) throws IOException {
        Trainer.Result r = trainer(new VaeTask(tinyVae()), config(4, TrainConfig.NanPolicy.STOP), tmp).fit(false);
        CheckpointStore store = new RunDir(tmp).checkpoints();
        Path good = store.latest().orElseThrow();
        assertEquals(r.lastCheckpoint(), good);
        // a save that dies half-way (here: the writer throws after some bytes) ...
        Path next = store.fileFor(8);
        assertThrows(IOException.class, () -> io.github.gen4j.io.AtomicFiles.write(next, out -> {
            out.write(Files.readAllBytes(good), 0, 1000);
            throw new IOException("simulated crash");
        }));
        // ... leaves no file under the final name and the newest good checkpoint still loads
        assertFalse(Files.exists(next));
        assertEquals(good, store.latest().orElseThrow());
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(4, Checkpoint.read(good, m).header().path("step").asLong());
            // a file truncated by something else is refused with a one-line reason, not loaded
            Path torn = tmp.resolve("torn.ckpt");
            byte[] all = Files.readAllBytes(good);
            Files.write(torn, java.util.Arrays.copyOf(all, all.length / 2));
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(torn, m));
            assertTrue(e.getMessage().contains("torn.ckpt"), e.getMessage());
        }
    }

    /** Wraps a task and, at one step, back-propagates a NaN into every parameter's gradient. */
    static final class NanAt implements TrainingTask {
        final VaeTask inner;
        final long at;
        int injected;

        NanAt(VaeTask inner, long at) {
            this.inner = inner;
            this.at = at;
        }

        @Override
        public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
            if (ctx.step() == at && injected == 0) {
                injected++;
                try (ai.djl.training.GradientCollector gc = io.github.gen4j.Gen4j.engine().newGradientCollector()) {
                    NDArray sum = null;
                    for (var p : inner.network().getParameters()) {
                        NDArray s = p.getValue().getArray().sum().mul(Float.NaN);
                        sum = sum == null ? s : sum.add(s);
                    }
                    gc.backward(sum);
                }
                ctx.update("model");
            }
            return inner.trainStep(ctx, batch);
        }

        @Override public String family() { return inner.family(); }
        @Override public Object modelConfig() { return inner.modelConfig(); }
        @Override public Map<String, Block> networks() { return inner.networks(); }
        @Override public void initialize(NDManager m) { inner.initialize(m); }
        @Override public List<OptimizerSpec> optimizers() { return inner.optimizers(); }
        @Override public List<String> emaNetworks() { return inner.emaNetworks(); }
        @Override public Map<String, Double> evaluate(NDManager m, Batch b) { return inner.evaluate(m, b); }
        @Override public void snapshot(NDManager m, Batch f, Path d, String t) throws IOException {
            inner.snapshot(m, f, d, t);
        }
    }

    @Test
    void nanGuardStopsWithoutSavingTheBrokenModel(@TempDir Path tmp) throws IOException {
        NanAt task = new NanAt(new VaeTask(tinyVae()), 6);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(task, config(12, TrainConfig.NanPolicy.STOP), tmp).fit(false));
        assertTrue(e.getMessage().contains("step 6"), e.getMessage());
        CheckpointStore store = new RunDir(tmp).checkpoints();
        assertEquals(4, CheckpointStore.stepOf(store.latest().orElseThrow()));
        try (NDManager m = NDManager.newBaseManager()) {
            for (NDArray a : arrays(store.latest().orElseThrow(), m).values()) {
                assertTrue(a.isNaN().logicalNot().all().getBoolean(), a.getName() + " has NaN");
            }
        }
        assertTrue(Files.readString(tmp.resolve("metrics.jsonl")).contains("non-finite"));
    }

    @Test
    void nanGuardCanRollBackAndContinueWithALowerLearningRate(@TempDir Path tmp) throws IOException {
        NanAt task = new NanAt(new VaeTask(tinyVae()), 6);
        List<String> messages = new java.util.ArrayList<>();
        Trainer tr = trainer(task, config(12, TrainConfig.NanPolicy.ROLLBACK), tmp);
        tr.addListener(new TrainingListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        });
        Trainer.Result r = tr.fit(false);
        assertEquals(12, r.steps());
        assertEquals(1, task.injected);
        assertTrue(messages.stream().anyMatch(s -> s.contains("rolled back") && s.contains("x0.5")), messages.toString());
        try (NDManager m = NDManager.newBaseManager()) {
            JsonNode h = Checkpoint.read(r.lastCheckpoint(), m).header();
            assertEquals(0.5, h.path("lrScale").asDouble(), 0);
            assertEquals(1, h.path("rollbacks").asInt());
        }
    }
}
