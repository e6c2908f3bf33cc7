package io.github.gen4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * What a {@link TrainingTask} sees during one step: the step number, a manager that is closed at the
 * end of the step (put every temporary there), and the optimizers.
 */
public final class StepContext {

    private final long step;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final Map<String, AdamW> optimizers;
    private final Map<String, Double> lrs;
    private final double clip;
    private final Map<String, Double> gradNorms;

    StepContext(
            long step,
            NDManager manager,
            Map<String, AdamW> optimizers,
            Map<String, Double> lrs,
            double clip,
            Map<String, Double> gradNorms) {
        this.step = step;
        this.manager = manager;
        this.parameterStore = new ParameterStore(manager, false);
        this.optimizers = optimizers;
        this.lrs = lrs;
        this.clip = clip;
        this.gradNorms = gradNorms;
    }

    /** The 0-based global step being taken. */
    public long step() {
        return step;
    }

    /** Manager for this step's temporaries; closed when the step ends. */
    public NDManager manager() {
        return manager;
    }

    /** The parameter store to pass to {@code Block.forward}. */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** The current learning rate of an optimizer. */
    public double lr(String optimizer) {
        return lrs.get(optimizer);
    }

    /**
     * Applies the named optimizer to the gradients accumulated so far (clipped by the run's global-norm
     * limit) and zeroes them. Returns the gradient norm before clipping, which is also logged.
     *
     * @throws NonFiniteException if a gradient is NaN or infinite (no parameter is changed)
     */
    public double update(String optimizer) {
        AdamW opt = optimizers.get(optimizer);
        if (opt == null) {
            throw new IllegalArgumentException("no optimizer named '" + optimizer + "'");
        }
        double norm = opt.step(manager, lrs.get(optimizer), clip);
        gradNorms.merge("grad_norm/" + optimizer, norm, (a, b) -> b);
        return norm;
    }
}
