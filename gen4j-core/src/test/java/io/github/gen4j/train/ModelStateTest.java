package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-trained state (requiresGrad = false) is checkpointed with the weights but given to no optimizer. */
class ModelStateTest {

    /** y = w x, plus a counter that is state, not a weight (like a spectral-norm vector or running mean). */
    static final class WithState extends AbstractBlock {
        final Parameter w = addParameter(Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(3)).optInitializer(Initializer.ONES).build());
        final Parameter count = addParameter(Parameter.builder().setName("count").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray x = in.singletonOrThrow();
            if (training) {
                NDArray c = count.getArray();
                x.getManager().ones(new Shape(1)).add(c).copyTo(c);
            }
            return new NDList(x.mul(ps.getValue(w, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return s;
        }
    }

    static final class Task implements TrainingTask {
        final WithState net = new WithState();

        @Override public String family() { return "test"; }
        @Override public Object modelConfig() { return Map.of(); }
        @Override public Map<String, Block> networks() { return Map.of("net", net); }
        @Override public void initialize(NDManager m) { net.initialize(m, DataType.FLOAT32, new Shape(3)); }
        @Override public List<OptimizerSpec> optimizers() { return List.of(OptimizerSpec.of("model", "net")); }
        @Override public List<String> emaNetworks() { return List.of(); }
        @Override public Map<String, Double> evaluate(NDManager m, Batch b) { return Map.of(); }
        @Override public void snapshot(NDManager m, Batch f, Path d, String t) { }

        @Override
        public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray y = net.forward(ctx.parameterStore(), new NDList(ctx.manager().ones(new Shape(3))), true)
                        .singletonOrThrow();
                gc.backward(y.sum());
            }
            ctx.update("model");
            return Map.of();
        }
    }

    @Test
    void nonTrainedStateIsSavedAndRestoredButNotOptimized(@TempDir Path tmp) throws IOException {
        TrainConfig t = TrainConfig.builder().steps(3).build();
        Path file = tmp.resolve("s.ckpt");
        try (NDManager root = NDManager.newBaseManager()) {
            Task task = new Task();
            try (ModelState s = new ModelState(task, t, 1, root)) {
                assertEquals(1, ModelState.trainable(ModelState.params(task.networks(), List.of("net"))).size());
                try (NDManager m = root.newSubManager()) {
                    for (int i = 0; i < 2; i++) {
                        StepContext ctx = new StepContext(i, m, s.optimizers(), Map.of("model", 0.1), 0,
                                new java.util.LinkedHashMap<>());
                        task.trainStep(ctx, null);
                    }
                }
                assertEquals(2f, task.net.count.getArray().getFloat(), "the forward advanced the state twice");
                assertEquals(0.8f, task.net.w.getArray().getFloat(0), 1e-3f, "two Adam steps of lr 0.1 on a constant gradient");
                ObjectNode h = Json.MAPPER.createObjectNode();
                s.save(file, h);
            }
            Task fresh = new Task();
            try (ModelState s = new ModelState(fresh, t, 1, root)) {
                s.load(file, true, false);
                assertEquals(2f, fresh.net.count.getArray().getFloat());
                assertArrayEquals(new float[] {0.8f, 0.8f, 0.8f}, fresh.net.w.getArray().toFloatArray(), 1e-3f);
            }
        }
    }
}
