package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import java.util.function.IntConsumer;

/**
 * Ancestral sampling of DDPM (Ho et al. 2020, Algorithm 2): each step draws x_s from the Gaussian
 * posterior q(x_s | x_t, x_0 = x0_hat) (eqs. 6-7) with variance beta~. With fewer steps than T the
 * visited levels t > s are a strided sub-sequence and the step uses that pair's own beta_{t|s} =
 * 1 - abar_t / abar_s ("respacing", Nichol & Dhariwal 2021, section 4), so all T steps give exactly
 * Algorithm 2.
 *
 * <pre>
 * x0_hat = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)                [clipped to [-1, 1] if asked]
 * mean   = sqrt(abar_s) beta_{t|s} / (1 - abar_t) x0_hat + sqrt(1 - beta_{t|s}) (1 - abar_s) / (1 - abar_t) x_t
 * var    = (1 - abar_s) / (1 - abar_t) beta_{t|s}                     (0 at the last step: abar_s = 1)
 * x_s    = mean + sqrt(var) z,  z ~ N(0, I)
 * </pre>
 */
public final class DdpmSampler implements Sampler {

    private final NoiseSchedule schedule;
    private final boolean clip;

    /** @param clip clip x0_hat to the data range [-1, 1] at every step */
    public DdpmSampler(NoiseSchedule schedule, boolean clip) {
        this.schedule = schedule;
        this.clip = clip;
    }

    @Override
    public String name() {
        return "ddpm";
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** All T steps, as in the paper. */
    @Override
    public int defaultSteps() {
        return schedule.timesteps();
    }

    @Override
    public NDArray sample(NoisePredictor model, NDArray x, int[] timesteps, IntConsumer progress) {
        int[] ts = Steps.check(schedule, timesteps);
        return Steps.run(x, ts.length, (xt, k, m) -> step(model, xt, ts[k], k + 1 < ts.length ? ts[k + 1] : -1),
                progress);
    }

    /**
     * One ancestral step from level t to level s < t (s = -1: to clean data, no noise added); the result
     * is attached to x's manager.
     */
    public NDArray step(NoisePredictor model, NDArray x, int t, int s) {
        double abT = schedule.alphaBar(t);
        double abS = schedule.alphaBar(s);
        NDArray x0 = Steps.x0(x, model.predictNoise(x, t), abT, clip);
        double alpha = abT / abS;
        double beta = 1 - alpha;
        double c0 = Math.sqrt(abS) * beta / (1 - abT);
        double ct = Math.sqrt(alpha) * (1 - abS) / (1 - abT);
        NDArray mean = x0.mul((float) c0).add(x.mul((float) ct));
        if (s < 0) {
            return mean;
        }
        double var = (1 - abS) / (1 - abT) * beta;
        return mean.add(x.getManager().randomNormal(x.getShape()).mul((float) Math.sqrt(var)));
    }
}
