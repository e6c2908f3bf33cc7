package io.github.gen4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.diffusion.sampler.DdimSampler;
import io.github.gen4j.diffusion.sampler.DdpmSampler;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.diffusion.sampler.Sampler;
import io.github.gen4j.model.SampleOptions;

/**
 * What a trained diffusion model can do to existing images: DDIM inversion and deterministic generation
 * from a latent, denoising, and inpainting. Images are (B, C, H, W) in [0, 1] at the model's size; class
 * and guidance come from {@link SampleOptions} as for sampling (class -1 and guidance 0 = unconditional).
 */
public final class DiffusionEditing {

    /** How {@link #inpaint} fills the masked region. */
    public enum InpaintMethod {
        /**
         * RePaint (Lugmayr et al. 2022): at every level the known region is replaced by the noised
         * original, and each step is repeated {@code resample} times by jumping back one level with fresh
         * noise (q(x_t | x_s)), which lets the generated region agree with the known one.
         */
        REPAINT,
        /** The replacement method (Song et al. 2021, appendix I.2): RePaint without resampling. */
        REPLACE
    }

    private final DiffusionTask task;
    private final NoiseSchedule schedule;

    public DiffusionEditing(DiffusionTask task) {
        this.task = task;
        this.schedule = task.schedule();
    }

    private NoisePredictor model(NDManager m, int n, SampleOptions o) {
        return task.predictor(new ParameterStore(m, false), task.sampleLabels(n, o), o.guidance());
    }

    private static int batch(NDArray a) {
        return (int) a.getShape().get(0);
    }

    /** Fixed-point iterations per step used by {@link #invert(NDManager, NDArray, int, SampleOptions)}. */
    public static final int DEFAULT_INVERSION_ITERATIONS = 2;

    /**
     * DDIM inversion (image to noise, deterministic): the latent x_T from which {@link #generateFrom} with
     * the same {@code steps} regenerates the images, with {@link #DEFAULT_INVERSION_ITERATIONS} fixed-point
     * iterations per step (see {@link DdimSampler#invert}).
     *
     * @param images (B, C, H, W) in [0, 1]
     * @return (B, C, H, W) latent noise
     */
    public NDArray invert(NDManager m, NDArray images, int steps, SampleOptions o) {
        return invert(m, images, steps, DEFAULT_INVERSION_ITERATIONS, o);
    }

    /** DDIM inversion with a chosen number of fixed-point iterations per step (0 = the usual inversion). */
    public NDArray invert(NDManager m, NDArray images, int steps, int fixedPointIterations, SampleOptions o) {
        NDArray x0 = images.mul(2f).sub(1f);
        return new DdimSampler(schedule, 0, false).invert(model(m, batch(images), o), x0, steps,
                fixedPointIterations, k -> o.reportStep(k, steps));
    }

    /**
     * Deterministic DDIM generation (eta = 0, no clipping: the exact inverse of {@link #invert}) from a
     * latent {@code xT} (B, C, H, W); returns images in [0, 1].
     */
    public NDArray generateFrom(NDManager m, NDArray xT, int steps, SampleOptions o) {
        NDArray x0 = new DdimSampler(schedule, 0, false).sample(model(m, batch(xT), o), xT, steps,
                k -> o.reportStep(k, steps));
        return Pixels.signedToUnit(x0);
    }

    /**
     * Removes Gaussian noise of known standard deviation from images: a noisy image y = x + s n (pixel
     * values in [0, 1], s = {@code noiseStd}) is, in the model's [-1, 1] space, x_t / sqrt(abar_t) for the
     * level t with sqrt((1 - abar_t) / abar_t) = 2 s; so x_t = sqrt(abar_t) (2 y - 1) enters the reverse
     * process at t and the sampler of {@code o} (default DPM-Solver++) runs from there to clean data.
     *
     * @param noisy (B, C, H, W) noisy images (values may lie outside [0, 1])
     * @return (B, C, H, W) denoised images in [0, 1]
     */
    public NDArray denoise(NDManager m, NDArray noisy, double noiseStd, SampleOptions o) {
        if (!(noiseStd > 0)) {
            throw new IllegalArgumentException("--noise must be > 0, got " + noiseStd);
        }
        int t = schedule.timestepForNoise(2 * noiseStd);
        Sampler s = task.sampler(o);
        int[] ts = s.timesteps(t, task.steps(s, o));
        NDArray xt = noisy.mul(2f).sub(1f).mul((float) Math.sqrt(schedule.alphaBar(t)));
        NDArray x0 = s.sample(model(m, batch(noisy), o), xt, ts, k -> o.reportStep(k, ts.length));
        return Pixels.signedToUnit(x0);
    }

    /** The level at which {@link #denoise} starts for a noise standard deviation (for reports). */
    public int denoiseLevel(double noiseStd) {
        return schedule.timestepForNoise(2 * noiseStd);
    }

    /**
     * An inpainting mask from a drawn gray image (H x W values in [0, 1]): 1 (generate) where the drawing
     * is at least mid gray, 0 (keep) elsewhere; white marks the region to fill.
     */
    public static float[] maskOf(float[] gray) {
        float[] mask = new float[gray.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = gray[i] >= 0.5f ? 1 : 0;
        }
        return mask;
    }

    /** The share of a mask's pixels (0..1) that are to be filled. */
    public static double maskShare(float[] mask) {
        double s = 0;
        for (float v : mask) {
            s += v;
        }
        return mask.length == 0 ? 0 : s / mask.length;
    }

    /**
     * What the model keeps of an image, for showing beside the result: the image (C x H x W, [0, 1]) with
     * the region to fill of {@code mask} (H x W) in mid gray.
     */
    public static float[] masked(float[] image, float[] mask) {
        int hw = mask.length;
        float[] out = image.clone();
        for (int i = 0; i < out.length; i++) {
            if (mask[i % hw] > 0) {
                out[i] = 0.5f;
            }
        }
        return out;
    }

    /**
     * Fills the masked region of images with content consistent with the rest.
     *
     * @param images (B, C, H, W) in [0, 1]
     * @param mask (B or 1, 1, H, W): 1 where new content is generated, 0 where the image is kept
     * @param steps levels visited (evenly spaced ancestral DDPM steps)
     * @param resample RePaint's repetitions per level (ignored by REPLACE); network evaluations =
     *     (steps - 1) x resample + 1
     * @return (B, C, H, W) in [0, 1]; the kept region equals the input up to the final step's rounding
     */
    public NDArray inpaint(NDManager m, NDArray images, NDArray mask, InpaintMethod method, int steps, int resample,
            SampleOptions o) {
        if (steps < 1 || resample < 1) {
            throw new IllegalArgumentException("--steps and --resample must be >= 1");
        }
        int u = method == InpaintMethod.REPAINT ? resample : 1;
        int[] ts = schedule.spacedTimesteps(Math.min(steps, schedule.timesteps()));
        int total = (ts.length - 1) * u + 1; // the last step is never repeated
        NoisePredictor model = model(m, batch(images), o);
        DdpmSampler ddpm = new DdpmSampler(schedule, true);
        NDArray x0 = images.mul(2f).sub(1f);
        NDArray keep = mask.mul(-1f).add(1f); // 1 where the image is kept
        NDArray x = m.randomNormal(x0.getShape());
        int done = 0;
        for (int k = 0; k < ts.length; k++) {
            int t = ts[k];
            int s = k + 1 < ts.length ? ts[k + 1] : -1;
            for (int r = 0; r < u; r++) {
                try (NDManager step = m.newSubManager()) {
                    step.tempAttachAll(x0, mask, keep);
                    x.attach(step);
                    NDArray unknown = ddpm.step(model, x, t, s); // x_s ~ p(x_s | x_t)
                    NDArray known = x0; // q(x_s | x_0) for the kept pixels
                    if (s >= 0) {
                        double abS = schedule.alphaBar(s);
                        known = step.randomNormal(x0.getShape()).mul((float) Math.sqrt(1 - abS))
                                .add(x0.mul((float) Math.sqrt(abS)));
                    }
                    NDArray next = unknown.mul(mask).add(known.mul(keep));
                    if (r + 1 < u && s >= 0) {
                        // jump back: x_t ~ q(x_t | x_s) = N(sqrt(abar_t / abar_s) x_s, (1 - abar_t / abar_s) I)
                        double a = schedule.alphaBar(t) / schedule.alphaBar(s);
                        next = next.mul((float) Math.sqrt(a))
                                .add(step.randomNormal(x0.getShape()).mul((float) Math.sqrt(1 - a)));
                    }
                    next.attach(m);
                    x = next;
                }
                o.reportStep(++done, total);
                if (s < 0) {
                    break; // the last step is deterministic: no resampling to clean data
                }
            }
        }
        return Pixels.signedToUnit(x);
    }
}
