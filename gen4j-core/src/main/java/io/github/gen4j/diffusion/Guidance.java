package io.github.gen4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import io.github.gen4j.model.SampleOptions;
import java.util.Arrays;

/**
 * Classifier-free guidance (Ho & Salimans 2022): one network trained with labels randomly replaced by
 * "no class" (K) is both a conditional model eps_c = eps(x, t, y) and an unconditional one eps_u =
 * eps(x, t, K); sampling uses
 *
 * <pre>
 * eps = eps_u + w (eps_c - eps_u)
 * </pre>
 * so w = 0 is exactly the unconditional model (the labels are ignored), w = 1 the conditional one, and
 * w > 1 pushes samples towards what makes their class recognisable (sharper classes, less diversity).
 * (Ho & Salimans write (1 + w') eps_c - w' eps_u, i.e. w = 1 + w'.) A guided step evaluates the network
 * once on the doubled batch (x, x) with labels (y, K).
 */
final class Guidance {

    private Guidance() {}

    static NoisePredictor predictor(DiffusionTask task, ParameterStore ps, int[] labels, double guidance) {
        DiffusionConfig cfg = task.config();
        if (!(guidance >= 0)) {
            throw new IllegalArgumentException("--guidance must be >= 0, got " + guidance);
        }
        if (!cfg.conditional()) {
            if (guidance > 0) {
                throw new IllegalArgumentException("--guidance: this diffusion model is unconditional "
                        + "(train with --conditional)");
            }
            return (x, t) -> task.eps(ps, x, t, (NDArray) null);
        }
        int k = cfg.numClasses();
        if (guidance == 0 || labels == null) {
            return (x, t) -> {
                int[] none = new int[(int) x.getShape().get(0)];
                Arrays.fill(none, k);
                return eps(task, ps, x, t, none);
            };
        }
        if (guidance == 1) {
            return (x, t) -> eps(task, ps, x, t, labels);
        }
        int[] both = Arrays.copyOf(labels, 2 * labels.length);
        Arrays.fill(both, labels.length, both.length, k);
        float w = (float) guidance;
        return (x, t) -> {
            NDList parts = eps(task, ps, x.concat(x, 0), t, both).split(2, 0); // (2B, ...) -> eps_c, eps_u
            NDArray uncond = parts.get(1);
            return uncond.add(parts.get(0).sub(uncond).mul(w));
        };
    }

    /** eps for host labels, copied into x's (per-step) manager so that nothing outlives the step. */
    private static NDArray eps(DiffusionTask task, ParameterStore ps, NDArray x, int t, int[] labels) {
        return task.eps(ps, x, t, x.getManager().create(labels));
    }

    /**
     * Per-image labels for sampling n images: class {@code o.classLabel()} for all, or cycling through
     * the classes when it is -1; null (the unconditional model) when the guidance is 0. Asking for a
     * class with guidance 0 is an error rather than silently ignored.
     */
    static int[] labels(DiffusionConfig cfg, int n, SampleOptions o) {
        if (!cfg.conditional()) {
            if (o.classLabel() >= 0) {
                throw new IllegalArgumentException("--class: this diffusion model is unconditional "
                        + "(train with --conditional)");
            }
            return null;
        }
        if (o.classLabel() >= cfg.numClasses()) {
            throw new IllegalArgumentException("--class " + o.classLabel() + ": the model has " + cfg.numClasses()
                    + " classes");
        }
        if (o.guidance() == 0) {
            if (o.classLabel() >= 0) {
                throw new IllegalArgumentException("--class " + o.classLabel() + " needs --guidance > 0 (1 = the "
                        + "conditional model, 2-4 = guided; 0 = the unconditional model, which ignores the class)");
            }
            return null;
        }
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            lb[i] = o.classLabel() >= 0 ? o.classLabel() : i % cfg.numClasses();
        }
        return lb;
    }
}
