package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.IntConsumer;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", Algorithm 2): a second-order multistep solver of the
 * diffusion ODE in data-prediction form, good in 10-25 steps. With alpha_t = sqrt(abar_t), sigma_t =
 * sqrt(1 - abar_t), lambda_t = log(alpha_t / sigma_t) and h = lambda_s - lambda_t, a step from t to s is
 *
 * <pre>
 * x0_t = (x_t - sigma_t eps(x_t, t)) / alpha_t                        [clipped to [-1, 1] if asked]
 * D    = x0_t                                        (first step)
 * D    = (1 + 1/(2r)) x0_t - 1/(2r) x0_prev,  r = h_prev / h          (later steps)
 * x_s  = (sigma_s / sigma_t) x_t + alpha_s (1 - e^{-h}) D
 * </pre>
 * The last step goes from the lowest level to clean data (sigma = 0, h = infinity), where the update
 * reduces to x_0 = x0_t (first order, as DPM-Solver's "lower order final" recommends). One model
 * evaluation per step; the levels are evenly spaced in lambda ({@link NoiseSchedule#logSnrTimesteps}).
 * On Gaussian data with the exact predictor, 15 steps give the spread within about 3% where DDIM with
 * 15 steps is about 20% too narrow (see the sampler tests).
 */
public final class DpmSolverSampler implements Sampler {

    /** Default number of steps. */
    public static final int DEFAULT_STEPS = 20;

    private final NoiseSchedule schedule;
    private final boolean clip;

    /** @param clip clip x0_t to the data range [-1, 1] (the "thresholding" of DPM-Solver++) */
    public DpmSolverSampler(NoiseSchedule schedule, boolean clip) {
        this.schedule = schedule;
        this.clip = clip;
    }

    @Override
    public String name() {
        return "dpm++2m";
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public int defaultSteps() {
        return Math.min(DEFAULT_STEPS, schedule.timesteps());
    }

    /** Evenly spaced in lambda (constant step size h), as DPM-Solver recommends for pixel-space models. */
    @Override
    public int[] timesteps(int from, int steps) {
        return schedule.logSnrTimesteps(from, steps);
    }

    @Override
    public NDArray sample(NoisePredictor model, NDArray x, int[] timesteps, IntConsumer progress) {
        int[] ts = Steps.check(schedule, timesteps);
        NDManager home = x.getManager();
        NDArray cur = x.duplicate();
        NDArray prevX0 = null; // x0_hat of the previous step, kept on home between steps
        double hPrev = 0;
        for (int k = 0; k < ts.length; k++) {
            int t = ts[k];
            int s = k + 1 < ts.length ? ts[k + 1] : -1;
            try (NDManager step = home.newSubManager()) {
                cur.attach(step);
                if (prevX0 != null) {
                    prevX0.attach(step); // freed with this step
                }
                double abT = schedule.alphaBar(t);
                NDArray x0 = Steps.x0(cur, model.predictNoise(cur, t), abT, clip);
                NDArray next;
                double h = 0;
                if (s < 0) {
                    next = x0; // sigma_s = 0, alpha_s = 1: x_s = D = x0_t
                } else {
                    double abS = schedule.alphaBar(s);
                    h = schedule.lambda(s) - schedule.lambda(t);
                    NDArray d = x0;
                    if (prevX0 != null) {
                        double r = hPrev / h;
                        d = x0.mul((float) (1 + 1 / (2 * r))).sub(prevX0.mul((float) (1 / (2 * r))));
                    }
                    double ratio = Math.sqrt(1 - abS) / Math.sqrt(1 - abT);
                    next = cur.mul((float) ratio).add(d.mul((float) (Math.sqrt(abS) * -Math.expm1(-h))));
                    x0.attach(home);
                }
                next.attach(home);
                prevX0 = s < 0 ? null : x0;
                hPrev = h;
                cur = next;
            }
            if (progress != null) {
                progress.accept(k + 1);
            }
        }
        return cur;
    }
}
