package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The class conditions every family's latent space shares. Which latent space a trained model has is its
 * family registration's choice ({@code family.FamilyRegistry.latentSpace}).
 */
public final class LatentSpaces {

    private LatentSpaces() {}

    /** One-hot class weights (n, K) for class {@code k}, or null for k < 0 (unconditional). */
    public static NDArray oneHot(NDManager m, int n, int numClasses, int k) {
        if (k < 0) {
            return null;
        }
        if (k >= numClasses) {
            throw new IllegalArgumentException("--class " + k + ": the model has " + numClasses + " classes");
        }
        float[] w = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            w[i * numClasses + k] = 1;
        }
        return m.create(w, new ai.djl.ndarray.types.Shape(n, numClasses));
    }

    /** One-hot class weights for per-image labels (n) int, or null if labels is null. */
    public static NDArray oneHot(NDManager m, int[] labels, int numClasses) {
        if (labels == null) {
            return null;
        }
        float[] w = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            w[i * numClasses + labels[i]] = 1;
        }
        return m.create(w, new ai.djl.ndarray.types.Shape(labels.length, numClasses));
    }

    /**
     * Checks a class condition against a model: null is refused by a conditional model that has no
     * unconditional mode ({@code family} names it in the error; null family = unconditional mode exists),
     * and a condition is refused by an unconditional model.
     */
    static NDArray checkCondition(NDArray cond, int numClasses, String family) {
        if (numClasses == 0) {
            if (cond != null) {
                throw new IllegalArgumentException("--class: the model is unconditional");
            }
            return null;
        }
        if (cond == null) {
            if (family != null) {
                throw new IllegalArgumentException("this " + family + " is class-conditional: give a class (--class K)");
            }
            return null;
        }
        if (cond.getShape().dimension() != 2 || cond.getShape().get(1) != numClasses) {
            throw new IllegalArgumentException("class weights of shape " + cond.getShape() + ", the model has "
                    + numClasses + " classes");
        }
        return cond;
    }
}
