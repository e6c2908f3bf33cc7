package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.gan.GeneratorNet;
import io.github.gen4j.nn.Ops;

/**
 * GAN inversion by optimization (Creswell & Bharath 2018; Abdal et al. 2019, Image2StyleGAN): a GAN has
 * no encoder, so the latent of a real image x is found by gradient descent on z, the generator frozen:
 *
 * <pre>
 * L(z) = mean_pixels (G(z) - x)^2 + lambda (|z|^2 / Z - 1)^2
 * </pre>
 * in the generator's [-1, 1] pixel space. The prior term keeps z near the shell |z| = sqrt(Z) where
 * N(0, I) puts its mass (a latent far off it reconstructs well but decodes badly along an interpolation).
 * Adam on z with a cosine-decayed step; {@code restarts} random starts per image run in one batch and
 * the one with the lowest pixel error wins.
 */
public final class LatentRecovery {

    /**
     * @param steps Adam steps
     * @param lr Adam step size (z entries are of order 1)
     * @param priorWeight lambda of the norm prior
     * @param restarts random starting points per image
     */
    public record Settings(int steps, double lr, double priorWeight, int restarts) {

        public Settings {
            if (steps < 0 || !(lr > 0) || !(priorWeight >= 0) || restarts < 1) {
                throw new IllegalArgumentException("--recovery-steps must be >= 0, --recovery-restarts >= 1, "
                        + "learning rate > 0 and prior weight >= 0");
            }
        }

        /** 300 steps at 0.05, prior weight 0.1, 4 restarts. */
        public static Settings defaults() {
            return new Settings(300, 0.05, 0.1, 4);
        }
    }

    /**
     * Recovered latents and their pixel errors.
     *
     * @param z (B, Z) latents, on the manager given to {@link #recover}
     * @param startError mean squared pixel error ([-1, 1] scale) of the best starting point per image
     * @param finalError the same for the recovered latent
     */
    public record Result(NDArray z, float[] startError, float[] finalError) {}

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private LatentRecovery() {}

    /**
     * Recovers latents for target images.
     *
     * @param target (B, C, H, W) images in the generator's [-1, 1] space
     * @param oneHot (B, K) class weights for a conditional generator, or null
     * @param start (B * restarts, Z) starting latents (restart r of image i in row r * B + i), or null to
     *     draw them from N(0, I) with the engine's generator
     */
    public static Result recover(GeneratorNet g, NDManager m, NDArray target, NDArray oneHot, NDArray start,
            Settings s) {
        int b = (int) target.getShape().get(0);
        int r = s.restarts();
        int zDim = g.latentDim();
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = tile(target, r); // (R B, C, H, W)
        NDArray y = oneHot == null ? null : tile(oneHot, r);
        NDArray z = start != null ? start.duplicate() : m.randomNormal(new Shape((long) r * b, zDim));
        NDArray mom = z.zerosLike();
        NDArray vel = z.zerosLike();
        float[] startErr = null;
        for (int k = 0; k < s.steps(); k++) {
            NDArray[] next = new NDArray[3];
            try (NDManager it = m.newSubManager()) {
                it.tempAttachAll(z, mom, vel); // every temporary of this step is freed with it
                NDArray zk = z.duplicate();
                zk.setRequiresGradient(true);
                NDArray pixelErr;
                try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                    NDArray out = g.generate(ps, zk, y, false);
                    pixelErr = out.sub(x).square().reshape((long) r * b, -1).mean(new int[] {1}); // (R B)
                    NDArray shell = Ops.div(zk.square().sum(new int[] {1}), zDim).sub(1f).square(); // (R B)
                    // summed over images: each latent's gradient does not depend on the batch size
                    NDArray loss = pixelErr.add(Ops.mul(shell, s.priorWeight())).sum();
                    gc.backward(loss);
                }
                if (k == 0) {
                    startErr = pixelErr.toFloatArray();
                }
                NDArray grad = zk.getGradient();
                // Adam (Kingma & Ba 2015) with bias correction; step size on a cosine from lr to 0
                double lr = s.lr() * 0.5 * (1 + Math.cos(Math.PI * k / s.steps()));
                NDArray m1 = mom.mul((float) BETA1).add(grad.mul((float) (1 - BETA1)));
                NDArray m2 = vel.mul((float) BETA2).add(grad.square().mul((float) (1 - BETA2)));
                double c1 = 1 - Math.pow(BETA1, k + 1);
                double c2 = 1 - Math.pow(BETA2, k + 1);
                NDArray step = m1.div((float) c1).div(m2.div((float) c2).sqrt().add((float) EPS)).mul((float) lr);
                next[0] = z.sub(step).stopGradient();
                next[1] = m1;
                next[2] = m2;
                for (NDArray a : next) {
                    a.attach(m);
                }
            }
            z.close(); // the previous state, returned to m when the step's manager closed
            mom.close();
            vel.close();
            z = next[0];
            mom = next[1];
            vel = next[2];
        }
        float[] finalErr;
        try (NDManager it = m.newSubManager()) {
            NDArray out = g.generate(new ParameterStore(it, false), z, y, false);
            out.attach(it);
            finalErr = out.sub(x).square().reshape((long) r * b, -1).mean(new int[] {1}).toFloatArray();
        }
        if (startErr == null) {
            startErr = finalErr.clone();
        }
        // best restart per image
        float[] zs = z.toFloatArray();
        float[] best = new float[b * zDim];
        float[] bestStart = new float[b];
        float[] bestFinal = new float[b];
        for (int i = 0; i < b; i++) {
            int arg = i;
            float s0 = startErr[i];
            for (int j = 0; j < r; j++) {
                int row = j * b + i;
                if (finalErr[row] < finalErr[arg]) {
                    arg = row;
                }
                s0 = Math.min(s0, startErr[row]);
            }
            System.arraycopy(zs, arg * zDim, best, i * zDim, zDim);
            bestStart[i] = s0;
            bestFinal[i] = finalErr[arg];
        }
        mom.close();
        vel.close();
        z.close();
        return new Result(m.create(best, new Shape(b, zDim)), bestStart, bestFinal);
    }

    private static NDArray tile(NDArray a, int k) {
        long[] reps = new long[a.getShape().dimension()];
        java.util.Arrays.fill(reps, 1);
        reps[0] = k;
        return a.tile(reps);
    }
}
