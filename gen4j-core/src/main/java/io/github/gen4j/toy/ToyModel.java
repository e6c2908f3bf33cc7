package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * A toy generative model on points in the plane that trains by minimizing one loss with one optimizer
 * ({@link ToyVae}, {@link ToyDiffusion}, {@link ToyFlow}); {@link ToyTrainer} runs it. Points are (B, 2)
 * float32 arrays. The GAN, which needs two optimizers, has its own loop ({@link ToyGan}).
 */
public interface ToyModel {

    /** What {@link #logDensity} computes. */
    enum Density {
        /** log p(x) exactly (change of variables). */
        EXACT,
        /** A lower bound on log p(x) (ELBO / importance-weighted bound). */
        LOWER_BOUND,
        /** Nothing: {@link #logDensity} throws; {@link #densityNote} says why. */
        NONE
    }

    /** The family's name ("vae", "diffusion", "flow"). */
    String family();

    /** The networks by name, in a fixed order; all their trainable parameters are optimized. */
    Map<String, Block> networks();

    /**
     * Initializes every parameter on {@code weights} (the engine's generator is seeded);
     * {@code firstBatch} (B, 2) serves data-dependent initialization (a flow's ActNorm).
     */
    void initialize(NDManager weights, NDArray firstBatch);

    /** The training loss for points x (B, 2): a differentiable scalar (the mean over the batch). */
    NDArray loss(ParameterStore ps, NDArray x);

    /** n samples (n, 2) on {@code manager}, drawn with the engine's (seeded) generator. */
    NDArray sample(ParameterStore ps, NDManager manager, int n);

    /** What {@link #logDensity} gives. */
    Density density();

    /** One line on the density: how it is computed, or why there is none. */
    String densityNote();

    /** log p(x), or the bound {@link #density} names, for points x (N, 2): (N), on x's manager. */
    NDArray logDensity(ParameterStore ps, NDArray x);
}
