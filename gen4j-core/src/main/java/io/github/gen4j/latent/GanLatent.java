package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanTask;

/**
 * A GAN's latent: the generator's input z ~ N(0, I). Decoding is the generator; encoding a real image
 * has no closed form and is done by {@link LatentRecovery} (optimization, so it is slow and only
 * approximate: a GAN that dropped modes cannot reproduce every image).
 */
public final class GanLatent implements LatentSpace {

    private final GanTask task;
    private final GanConfig cfg;
    private final LatentRecovery.Settings recovery;
    private LatentRecovery.Result last;

    public GanLatent(GanTask task, LatentRecovery.Settings recovery) {
        this.task = task;
        this.cfg = task.config();
        this.recovery = recovery;
    }

    @Override
    public String family() {
        return "gan";
    }

    @Override
    public String encoding() {
        return "recovered by optimization (" + recovery.steps() + " Adam steps, " + recovery.restarts()
                + " restarts)";
    }

    @Override
    public int dim() {
        return cfg.latentDim();
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
        LatentRecovery.Result r = LatentRecovery.recover(task.generator(), m, Pixels.toSigned(raw), check(cond), null,
                recovery);
        last = r;
        return r.z();
    }

    /** Pixel errors of the most recent {@link #encode} (null before the first). */
    public LatentRecovery.Result lastRecovery() {
        return last;
    }

    @Override
    public NDArray decode(NDManager m, NDArray z, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        return Pixels.signedToUnit(task.generator().generate(ps, z, check(cond), false));
    }

    private NDArray check(NDArray cond) {
        return LatentSpaces.checkCondition(cond, cfg.numClasses(), "GAN");
    }
}
