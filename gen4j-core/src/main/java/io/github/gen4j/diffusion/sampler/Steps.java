package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.IntConsumer;

/** The step loop and the x_0 / eps conversions that every sampler shares. */
final class Steps {

    private Steps() {}

    /** One step: the current iterate (attached to {@code step}, freed with it) to the next. */
    @FunctionalInterface
    interface Body {
        NDArray apply(NDArray x, int k, NDManager step);
    }

    /**
     * Runs {@code n} steps starting from a copy of {@code start}; each step runs in a sub-manager of
     * start's manager that is closed when the step ends, so only the iterate survives.
     */
    static NDArray run(NDArray start, int n, Body body, IntConsumer progress) {
        NDManager home = start.getManager();
        NDArray x = start.duplicate();
        for (int k = 0; k < n; k++) {
            try (NDManager step = home.newSubManager()) {
                x.attach(step);
                NDArray next = body.apply(x, k, step);
                next.attach(home);
                x = next;
            }
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return x;
    }

    /** x0_hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t) (Ho et al. 2020, eq. 15), optionally clipped. */
    static NDArray x0(NDArray x, NDArray eps, double alphaBar, boolean clip) {
        NDArray x0 = x.sub(eps.mul((float) Math.sqrt(1 - alphaBar))).div((float) Math.sqrt(alphaBar));
        return clip ? x0.clip(-1f, 1f) : x0;
    }

    /** The noise consistent with x_t and x0_hat: (x_t - sqrt(abar_t) x0_hat) / sqrt(1 - abar_t). */
    static NDArray eps(NDArray x, NDArray x0, double alphaBar) {
        return x.sub(x0.mul((float) Math.sqrt(alphaBar))).div((float) Math.sqrt(1 - alphaBar));
    }

    static int[] check(NoiseSchedule schedule, int[] timesteps) {
        if (timesteps.length == 0) {
            throw new IllegalArgumentException("no timesteps to sample through");
        }
        for (int k = 0; k < timesteps.length; k++) {
            if (timesteps[k] < 0 || timesteps[k] >= schedule.timesteps()
                    || (k > 0 && timesteps[k] >= timesteps[k - 1])) {
                throw new IllegalArgumentException("timesteps must be strictly decreasing within 0.."
                        + (schedule.timesteps() - 1));
            }
        }
        return timesteps;
    }
}
