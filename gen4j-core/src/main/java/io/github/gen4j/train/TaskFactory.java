package io.github.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rebuilds an (uninitialized) task from what a run folder saved: the family name and the model config of
 * {@code config.json}. The training core asks for one wherever it reopens a run ({@link TrainingRun#resume},
 * {@link LoadedRun#load}) instead of knowing the families itself; the list of families
 * ({@code family.FamilyRegistry::task}) is one such factory, a caller that knows the family (a GAN started
 * from a VAE run) can pass its own.
 */
@FunctionalInterface
public interface TaskFactory {

    /**
     * The task of {@code family} with the saved {@code modelConfig}.
     *
     * @throws IllegalArgumentException if the factory does not know {@code family}
     */
    TrainingTask create(String family, JsonNode modelConfig);
}
