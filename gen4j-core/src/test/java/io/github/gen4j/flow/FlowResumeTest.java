package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint and resume keep the data-initialized ActNorm and the fixed LU permutation and signs. */
class FlowResumeTest {

    static final ImageDataset DATA = TestImages.shapes(128, 1, 8, 1);
    static final ImageDataset HELD_OUT = TestImages.shapes(32, 1, 8, 2);

    static FlowConfig tiny() {
        return new FlowConfig(1, 8, FlowConfig.Architecture.GLOW, 2, 2, 8, 2.0, 0.05,
                FlowConfig.Dequantization.UNIFORM, 0);
    }

    static Trainer trainer(Path dir) {
        FlowTask task = new FlowTask(tiny());
        TrainConfig t = TrainConfig.builder().steps(8).batchSize(16).lr(3e-3).warmupSteps(2).minLrRatio(0.1)
                .gradClip(5).emaDecay(0.9).logEvery(2).keepCheckpoints(10).seed(9).build();
        RunConfig rc = new RunConfig("test", "flow", Json.tree(task.config()), t,
                RunConfig.DataInfo.of("test shapes", "test", DATA, HELD_OUT));
        return new Trainer(task, DATA, HELD_OUT, rc, new RunDir(dir), Device.cpu());
    }

    @Test
    void resumedRunEqualsTheUninterruptedOneAndKeepsActNormAndLuState(@TempDir Path tmp) {
        Trainer.Result full = trainer(tmp.resolve("full")).fit(false);
        Trainer first = trainer(tmp.resolve("split"));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 4) {
                    first.requestStop();
                }
            }
        });
        assertEquals(4, first.fit(false).steps());
        Trainer.Result resumed = trainer(tmp.resolve("split")).fit(true);
        assertEquals(8, resumed.steps());

        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Checkpoint.read(full.lastCheckpoint(), m).arrays();
            Map<String, NDArray> b = Checkpoint.read(resumed.lastCheckpoint(), m).arrays();
            Map<String, NDArray> init = Checkpoint.read(tmp.resolve("split/checkpoints/step-00000000.ckpt"), m).arrays();
            assertEquals(a.keySet(), b.keySet());
            // a second data-dependent init after the resume would make these differ
            for (String k : a.keySet()) {
                float diff = a.get(k).sub(b.get(k)).abs().max().getFloat();
                assertTrue(diff <= 1e-5, k + " differs by " + diff);
            }
            List<String> perms = a.keySet().stream().filter(k -> k.startsWith("net/fixed/") && k.endsWith("perm")).toList();
            List<String> signs = a.keySet().stream().filter(k -> k.startsWith("net/fixed/") && k.endsWith("sign")).toList();
            assertEquals(2 * 2, perms.size());
            assertEquals(2 * 2, signs.size());
            for (String k : perms) {
                NDArray p = b.get(k);
                assertEquals(0f, p.sub(init.get(k)).abs().max().getFloat(), 0f, k + " is fixed");
                // a permutation matrix: 0/1 entries, one 1 per row and column
                assertEquals(p.getShape().get(0), p.sum().getFloat(), 0f);
                assertEquals(1f, p.sum(new int[] {0}).max().getFloat(), 0f);
                assertEquals(1f, p.sum(new int[] {1}).min().getFloat(), 0f);
            }
            for (String k : signs) {
                assertEquals(0f, b.get(k).sub(init.get(k)).abs().max().getFloat(), 0f, k + " is fixed");
            }
            String flag = a.keySet().stream().filter(k -> k.endsWith("actNormInitialized")).findFirst().orElseThrow();
            assertEquals(0f, init.get(flag).getFloat(0), 0f);
            assertEquals(1f, b.get(flag).getFloat(0), 0f);
            // ActNorm parameters were set from data (non-zero) and are kept by the checkpoint and its EMA
            String actBias = a.keySet().stream().filter(k -> k.startsWith("net/flow/") && k.contains("ActNorm")
                    && k.endsWith("bias")).findFirst().orElseThrow();
            assertTrue(b.get(actBias).abs().sum().getFloat() > 0, actBias);
            assertTrue(b.containsKey("ema/" + actBias.substring(4)));
        }
    }
}
