package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.hybrid.VaeGanTask;
import io.github.gen4j.model.Runs;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeTask;

/** Each family's latent space, and the class conditions they share. */
public final class LatentSpaces {

    private LatentSpaces() {}

    /**
     * The latent space of a trained model: VAE posterior mean, GAN z (recovered by optimization), flow
     * (exact), diffusion x_T (DDIM inversion).
     */
    public static LatentSpace of(TrainingTask task, LatentSettings settings) {
        if (task instanceof VaeTask v) {
            return new VaeLatent(v);
        }
        if (task instanceof FlowTask f) {
            return new FlowLatent(f);
        }
        if (task instanceof GanTask g) {
            return new GanLatent(g, settings.recovery());
        }
        if (task instanceof DiffusionTask d) {
            return new DiffusionLatent(d, settings);
        }
        if (task instanceof VaeGanTask h) {
            var v = h.config().vae();
            return new CodecLatent(h.family(), h, v.channels(), v.imageSize());
        }
        throw new IllegalArgumentException("a " + task.family() + " model has no latent space gen4j knows");
    }

    /** The latent space of a loaded run. */
    public static LatentSpace of(Runs.Loaded model, LatentSettings settings) {
        return of(model.task(), settings);
    }

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
