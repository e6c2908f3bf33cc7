package io.github.gen4j.train;

/**
 * Derives the engine seeds of a run from its one user seed. The seed of step s is a hash of (seed, s),
 * so the random stream of a step never depends on how many draws earlier steps made, and a resumed run
 * needs no saved generator state to repeat an uninterrupted one exactly.
 */
public final class StepSeeds {

    private StepSeeds() {}

    /** Seed used before network initialization. */
    public static int forInit(long seed) {
        return mix(seed, -1);
    }

    /** Seed used before training step {@code step}. */
    public static int forStep(long seed, long step) {
        return mix(seed, step);
    }

    /** Seed used before evaluation and snapshots (the same every time, so they are comparable). */
    public static int forEval(long seed) {
        return mix(seed, -2);
    }

    /** SplitMix64 finalizer of (seed, index), folded to a non-negative int. */
    static int mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z & 0x7FFFFFFF);
    }
}
