package io.github.gen4j.toy;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * How one family trains on a 2D toy distribution for the {@link ToyGallery}. Each family's registration
 * supplies its own ({@code family.Family#toy}), so the gallery holds no list of families.
 */
@FunctionalInterface
public interface ToyRecipe {

    /**
     * Trains the family's toy model on {@code dist} for {@code steps} steps with {@code seed}.
     *
     * @param heldOut held-out points (N * 2) for the model's own log-density, may be null
     * @return the samples, density grid where the model has one, and held-out log p
     */
    ToyFit fit(ToyDistribution dist, int steps, long seed, float[] heldOut, ToyGallery.Options opts)
            throws IOException;

    /** A {@link ToyModel} (a fresh one from {@code model} per fit) trained by {@link ToyTrainer}. */
    static ToyRecipe of(Supplier<ToyModel> model) {
        return (dist, steps, seed, heldOut, opts) -> ToyTrainer.fit(model.get(), dist,
                ToyTraining.defaults(steps, seed).withSamples(opts.samples(), opts.gridSize()), heldOut,
                opts.device(), opts.log());
    }
}
