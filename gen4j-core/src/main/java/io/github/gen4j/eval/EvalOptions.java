package io.github.gen4j.eval;

/**
 * Settings of the sample-quality metrics.
 *
 * @param referenceN real training images the distribution metrics compare against (a seeded subset; all
 *     if the training set is smaller)
 * @param k neighbourhood size of precision/recall/density/coverage
 * @param kidSubsets KID subsets
 * @param kidSubsetSize KID subset size (capped by the set sizes)
 * @param batchSize images per feature-network pass
 * @param seed seed of the reference subset and of KID's subsets
 */
public record EvalOptions(int referenceN, int k, int kidSubsets, int kidSubsetSize, int batchSize, long seed) {

    public EvalOptions {
        if (referenceN < 2 || k < 1 || kidSubsets < 1 || kidSubsetSize < 2 || batchSize < 1) {
            throw new IllegalArgumentException("bad evaluation options: reference >= 2, k >= 1, KID subsets >= 1 of"
                    + " >= 2, batch >= 1");
        }
    }

    /** 10,000 reference images, k = 3, KID 100 x 1,000 (the reference implementations' defaults). */
    public static EvalOptions defaults() {
        return new EvalOptions(10_000, Manifold.DEFAULT_K, Kid.DEFAULT_SUBSETS, Kid.DEFAULT_SUBSET_SIZE, 500, 42);
    }

    public EvalOptions withReferenceN(int n) {
        return new EvalOptions(n, k, kidSubsets, kidSubsetSize, batchSize, seed);
    }

    public EvalOptions withKid(int subsets, int size) {
        return new EvalOptions(referenceN, k, subsets, size, batchSize, seed);
    }

    public EvalOptions withSeed(long s) {
        return new EvalOptions(referenceN, k, kidSubsets, kidSubsetSize, batchSize, s);
    }
}
