package io.github.gen4j.train;

import java.util.List;

/**
 * One Adam optimizer a family asks the training core for: which networks it updates and, where a
 * family needs its own values (a GAN's two-time-scale rule, beta1 = 0.5), its learning rate and betas.
 *
 * @param name the optimizer's name, used in checkpoints and metrics ("model", "generator", ...)
 * @param networks names of the networks whose parameters it updates
 * @param lr peak learning rate; NaN = use {@link TrainConfig#lr()}
 * @param beta1 NaN = use {@link TrainConfig#beta1()}
 * @param beta2 NaN = use {@link TrainConfig#beta2()}
 */
public record OptimizerSpec(String name, List<String> networks, double lr, double beta1, double beta2) {

    /** An optimizer over the given networks with the run's learning rate and betas. */
    public static OptimizerSpec of(String name, String... networks) {
        return new OptimizerSpec(name, List.of(networks), Double.NaN, Double.NaN, Double.NaN);
    }
}
