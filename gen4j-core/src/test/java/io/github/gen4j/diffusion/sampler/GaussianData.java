package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/**
 * Data distributed as N(mu, s^2) in every dimension, whose optimal noise predictor is known in closed
 * form: with x_t = a x_0 + b eps (a = sqrt(abar_t), b = sqrt(1 - abar_t)), x_t ~ N(a mu, a^2 s^2 + b^2)
 * and Cov(eps, x_t) = b, so E[eps | x_t] = b (x_t - a mu) / (a^2 s^2 + b^2). A sampler given this
 * predictor must reproduce mu and s.
 */
record GaussianData(NoiseSchedule schedule, double mu, double sigma) implements NoisePredictor {

    @Override
    public NDArray predictNoise(NDArray x, int t) {
        double ab = schedule.alphaBar(t);
        double a = Math.sqrt(ab);
        double b = Math.sqrt(1 - ab);
        return x.sub((float) (a * mu)).mul((float) (b / (ab * sigma * sigma + b * b)));
    }
}
