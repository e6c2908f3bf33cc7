package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.diffusion.sampler.DdimSampler;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import java.util.ArrayList;
import java.util.List;

/**
 * A diffusion model's latent: the noise x_T (flattened to D = C H W values) from which deterministic
 * DDIM (eta = 0, no clipping) generates the image. Decoding is that generation; encoding is DDIM
 * inversion with fixed-point iterations ({@link DdimSampler#invert}), its inverse up to the ODE
 * discretization, so a real image's latent reproduces it closely but not exactly.
 *
 * <p>Class condition: a conditional model predicts eps(x, t, k) per class k and eps(x, t) without one.
 * For class weights w (one-hot or mixed) the noise prediction is eps_u + g (sum_k w_k eps(x, t, k) - eps_u)
 * with the guidance g of the settings (g = 1: the conditional model, mixed between classes); a mixed row
 * interpolates the class. Without a condition the unconditional model is used.
 */
public final class DiffusionLatent implements LatentSpace {

    private final DiffusionTask task;
    private final DiffusionConfig cfg;
    private final LatentSettings settings;
    private final int steps;

    /** DDIM steps are capped at the model's number of noise levels (reported by {@link #encoding}). */
    public DiffusionLatent(DiffusionTask task, LatentSettings settings) {
        this.task = task;
        this.cfg = task.config();
        this.settings = settings;
        this.steps = Math.min(settings.ddimSteps(), task.schedule().timesteps());
    }

    @Override
    public String family() {
        return "diffusion";
    }

    @Override
    public String encoding() {
        return "DDIM inversion (" + steps + " steps, " + settings.inversionIterations()
                + " fixed-point iterations)";
    }

    @Override
    public int dim() {
        return cfg.dims();
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public int channels() {
        return cfg.channels();
    }

    @Override
    public int imageSize() {
        return cfg.imageSize();
    }

    @Override
    public NDArray encode(NDManager m, NDArray raw, NDArray cond) {
        int b = (int) raw.getShape().get(0);
        NDArray x0 = Pixels.toSigned(raw);
        NDArray xT = new DdimSampler(task.schedule(), 0, false).invert(predictor(m, cond), x0, steps,
                settings.inversionIterations(), null);
        return xT.reshape(b, cfg.dims());
    }

    @Override
    public NDArray decode(NDManager m, NDArray z, NDArray cond) {
        long b = z.getShape().get(0);
        NDArray xT = z.reshape(b, cfg.channels(), cfg.imageSize(), cfg.imageSize());
        NDArray x0 = new DdimSampler(task.schedule(), 0, false).sample(predictor(m, cond), xT, steps,
                null);
        return Pixels.signedToUnit(x0);
    }

    /** eps for the class weights {@code cond} (B, K), or the unconditional model for null. */
    private NoisePredictor predictor(NDManager m, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray c = LatentSpaces.checkCondition(cond, cfg.numClasses(), null);
        if (c == null) {
            return task.predictor(ps, null, 0);
        }
        int b = (int) c.getShape().get(0);
        int k = cfg.numClasses();
        float[] w = c.toFloatArray(); // (B, K) row-major, on the host once
        List<NoisePredictor> perClass = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (int cls = 0; cls < k; cls++) {
            float[] col = new float[b];
            boolean any = false;
            for (int i = 0; i < b; i++) {
                col[i] = w[i * k + cls];
                any |= col[i] != 0;
            }
            if (any) {
                int[] labels = new int[b];
                java.util.Arrays.fill(labels, cls);
                perClass.add(task.predictor(ps, labels, 1));
                weights.add(col);
            }
        }
        NoisePredictor uncond = task.predictor(ps, null, 0);
        float g = (float) settings.guidance();
        return (x, t) -> {
            NDArray mixed = null;
            for (int i = 0; i < perClass.size(); i++) {
                NDArray wi = x.getManager().create(weights.get(i), new Shape(b, 1, 1, 1));
                NDArray e = perClass.get(i).predictNoise(x, t).mul(wi);
                mixed = mixed == null ? e : mixed.add(e);
            }
            if (mixed == null) {
                return uncond.predictNoise(x, t);
            }
            if (g == 1f) {
                return mixed;
            }
            NDArray u = uncond.predictNoise(x, t);
            return u.add(mixed.sub(u).mul(g));
        };
    }
}
