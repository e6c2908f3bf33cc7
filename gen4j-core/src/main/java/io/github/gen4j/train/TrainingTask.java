package io.github.gen4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.gen4j.data.Batch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a model family gives the training core: its networks, the optimizers it wants, and one training
 * step. The core ({@link Trainer}) owns everything else (batches, seeds, learning-rate schedule,
 * clipping, EMA, NaN guard, checkpoints, logs), so every family gets them the same way.
 */
public interface TrainingTask {

    /** The family's name as used on the command line and in run folders ("vae", "gan", ...). */
    String family();

    /** The family's typed model config; saved as JSON in {@code config.json} and checkpoints. */
    Object modelConfig();

    /** The trainable networks by name, in a fixed order (insertion-ordered map). */
    Map<String, Block> networks();

    /**
     * Initializes every network's parameters on {@code manager} (input shapes come from the config).
     * The engine's random generator has been seeded before this call.
     */
    void initialize(NDManager manager);

    /** The optimizers to create; each names the networks it updates. */
    List<OptimizerSpec> optimizers();

    /** Names of the networks whose weights are averaged (EMA) for sampling and evaluation. */
    List<String> emaNetworks();

    /**
     * One training step on {@code batch}: forward, backward, and {@link StepContext#update} for each
     * optimizer. Returns scalar metrics to log (e.g. "loss"); a non-finite value triggers the NaN guard.
     */
    Map<String, Double> trainStep(StepContext ctx, Batch batch);

    /**
     * Metrics on held-out images, deterministic for given weights (called with EMA weights in place).
     * The engine's generator is seeded before the call.
     */
    Map<String, Double> evaluate(NDManager manager, Batch heldOut);

    /**
     * Writes monitoring images (sample grid, reconstructions, ...) into {@code dir}, file names ending in
     * {@code tag} (e.g. "step-00001000"). Called with EMA weights in place.
     */
    void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException;
}
