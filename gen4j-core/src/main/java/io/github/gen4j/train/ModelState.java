package io.github.gen4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.Gen4j;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's networks with their optimizers and EMA, and their (de)serialization to {@link Checkpoint}s.
 * Parameters are keyed {@code NETWORK/PARAM}; in a checkpoint they are stored as {@code net/KEY}.
 * Owns two sub-managers of the given root: one for weights, one for optimizer and EMA state.
 */
public final class ModelState implements AutoCloseable {

    private final TrainingTask task;
    private final NDManager modelManager;
    private final NDManager stateManager;
    private final List<Pair<String, Parameter>> all;
    private final Map<String, AdamW> optimizers = new LinkedHashMap<>();
    private final Map<String, Double> baseLr = new LinkedHashMap<>();
    private final Ema ema;

    /**
     * Builds and initializes the task's networks (seeded by {@code seed}), and creates the optimizers and
     * EMA the task asks for; {@code train == null} builds only the networks (for inference).
     */
    public ModelState(TrainingTask task, TrainConfig train, long seed, NDManager root) {
        this.task = task;
        this.modelManager = root.newSubManager();
        this.stateManager = root.newSubManager();
        Gen4j.engine().setRandomSeed(StepSeeds.forInit(seed));
        task.initialize(modelManager);
        this.all = params(task.networks(), List.copyOf(task.networks().keySet()));
        if (train == null) {
            this.ema = null;
            return;
        }
        for (OptimizerSpec spec : task.optimizers()) {
            double b1 = Double.isNaN(spec.beta1()) ? train.beta1() : spec.beta1();
            double b2 = Double.isNaN(spec.beta2()) ? train.beta2() : spec.beta2();
            optimizers.put(spec.name(), new AdamW(spec.name(), trainable(params(task.networks(), spec.networks())),
                    b1, b2, train.weightDecay(), stateManager));
            baseLr.put(spec.name(), Double.isNaN(spec.lr()) ? train.lr() : spec.lr());
        }
        this.ema = train.emaDecay() > 0 && !task.emaNetworks().isEmpty()
                ? new Ema(train.emaDecay(), params(task.networks(), task.emaNetworks()), stateManager)
                : null;
    }

    /** The parameters of the named networks, keyed {@code NETWORK/PARAM}. */
    public static List<Pair<String, Parameter>> params(Map<String, Block> networks, List<String> names) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (String n : names) {
            Block b = networks.get(n);
            if (b == null) {
                throw new IllegalArgumentException("no network named '" + n + "'");
            }
            for (Pair<String, Parameter> p : b.getParameters()) {
                out.add(new Pair<>(n + "/" + p.getKey(), p.getValue()));
            }
        }
        return out;
    }

    /**
     * Only the parameters that take gradients: non-trained state such as a spectral-norm power-iteration
     * vector is saved and restored with the weights but never given to an optimizer.
     */
    static List<Pair<String, Parameter>> trainable(List<Pair<String, Parameter>> params) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            if (p.getValue().requiresGradient()) {
                out.add(p);
            }
        }
        return out;
    }

    public TrainingTask task() {
        return task;
    }

    public Map<String, AdamW> optimizers() {
        return optimizers;
    }

    /** Peak learning rate of each optimizer. */
    public Map<String, Double> baseLr() {
        return baseLr;
    }

    /** The EMA, or null when disabled. */
    public Ema ema() {
        return ema;
    }

    /** Number of trainable scalars over all networks. */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : all) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** Native arrays held by the weights' and state managers (for leak checks). */
    public int liveArrays() {
        return modelManager.getManagedArrays().size() + stateManager.getManagedArrays().size();
    }

    /** Writes weights, optimizer moments and EMA with {@code header} to {@code file}, atomically. */
    public void save(Path file, JsonNode header) throws IOException {
        try (NDManager tmp = modelManager.getParentManager().newSubManager()) {
            NDList list = new NDList();
            for (Pair<String, Parameter> p : all) {
                list.add(AdamW.named(p.getValue().getArray(), "net/" + p.getKey(), tmp));
            }
            for (AdamW o : optimizers.values()) {
                o.save(list, tmp);
            }
            if (ema != null) {
                ema.save(list, tmp);
            }
            Checkpoint.write(file, header, list);
        }
    }

    /**
     * Loads a checkpoint written by {@link #save}. With {@code withTrainingState} false only weights are
     * restored; with {@code emaAsWeights} true the EMA weights (if stored) replace the raw weights.
     * Returns the checkpoint's header.
     */
    public JsonNode load(Path file, boolean withTrainingState, boolean emaAsWeights) {
        try (NDManager tmp = modelManager.getParentManager().newSubManager()) {
            Checkpoint c = Checkpoint.read(file, tmp);
            String src = file.toString();
            for (Pair<String, Parameter> p : all) {
                String emaKey = "ema/" + p.getKey();
                String key = emaAsWeights && c.arrays().containsKey(emaKey) ? emaKey : "net/" + p.getKey();
                AdamW.copyInto(c.arrays(), key, p.getValue().getArray(), src);
            }
            if (withTrainingState) {
                JsonNode steps = c.header().path("optimizerSteps");
                for (AdamW o : optimizers.values()) {
                    o.load(c.arrays(), steps.path(o.name()).asLong(0), src);
                }
                if (ema != null) {
                    ema.load(c.arrays(), src);
                }
            }
            return c.header();
        }
    }

    @Override
    public void close() {
        stateManager.close();
        modelManager.close();
    }

    /** Arrays for tests: current weight of a parameter key. */
    NDArray weight(String key) {
        for (Pair<String, Parameter> p : all) {
            if (p.getKey().equals(key)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException(key);
    }
}
