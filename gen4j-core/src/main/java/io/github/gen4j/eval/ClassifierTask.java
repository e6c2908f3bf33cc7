package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the feature network as a classifier with the training core: one network ("classifier"), one
 * optimizer ("model"), EMA weights for evaluation, and the softmax cross-entropy
 * loss = -mean_i log softmax(logits_i)[y_i].
 */
public final class ClassifierTask implements TrainingTask {

    /** The network's name in checkpoints ({@code net/classifier/...}). */
    public static final String NETWORK = "classifier";

    private final ClassifierConfig cfg;
    private final ClassifierNet net;

    public ClassifierTask(ClassifierConfig cfg) {
        this.cfg = cfg;
        this.net = new ClassifierNet(cfg);
    }

    public ClassifierConfig config() {
        return cfg;
    }

    public ClassifierNet network() {
        return net;
    }

    @Override
    public String family() {
        return "classifier";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put(NETWORK, net);
        return m;
    }

    @Override
    public void initialize(NDManager manager) {
        net.initialize(manager);
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return List.of(OptimizerSpec.of("model", NETWORK));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of(NETWORK);
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        if (!batch.hasLabels()) {
            throw new IllegalArgumentException("training a classifier needs labelled data");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDArray logits = net.logits(ctx.parameterStore(), net.embed(ctx.parameterStore(), batch.pixels(), true),
                    true);
            NDArray loss = crossEntropy(logits, batch.labels()).mean();
            gc.backward(loss);
            out.put("loss", (double) loss.getFloat());
            out.put("accuracy", accuracy(logits, batch.labels()));
        }
        ctx.update("model");
        return out;
    }

    /** Per-image cross-entropy (B) of logits (B, K) against int labels (B). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }

    static double accuracy(NDArray logits, NDArray labels) {
        NDArray pred = logits.argMax(1).toType(DataType.INT32, false);
        return pred.eq(labels.toType(DataType.INT32, false)).toType(DataType.FLOAT32, false).mean().getFloat();
    }

    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray logits = net.logits(ps, net.embed(ps, heldOut.pixels(), false), false);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", (double) crossEntropy(logits, heldOut.labels()).mean().getFloat());
        m.put("accuracy", accuracy(logits, heldOut.labels()));
        return m;
    }

    /** A classifier has no images to show: accuracy is in metrics.jsonl; nothing is written. */
    @Override
    public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) {}
}
