package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;

/**
 * A VAE's latent: the posterior mean mu(x) of q(z | x) = N(mu, diag sigma^2) encodes (the deterministic
 * choice; a posterior sample would add noise of size sigma), and the decoder's mean p(x | z) decodes.
 */
public final class VaeLatent implements LatentSpace {

    private final VaeTask task;
    private final VaeConfig cfg;

    public VaeLatent(VaeTask task) {
        this.task = task;
        this.cfg = task.config();
    }

    @Override
    public String family() {
        return "vae";
    }

    @Override
    public String encoding() {
        return "posterior mean";
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

    /** (mu (B, Z), log sigma^2 (B, Z)) of q(z | x) for raw images. */
    public NDList posterior(NDManager m, NDArray raw, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        return task.network().encode(ps, cfg.likelihood().data(raw, false), check(cond), false);
    }

    /**
     * KL(q(z_j | x) || N(0, 1)) per latent coordinate j, (B, Z): 0.5 (mu^2 + sigma^2 - 1 - log sigma^2).
     * Coordinates whose KL stays near 0 for every image are unused ("posterior collapse" of that unit);
     * a beta-VAE concentrates information in few coordinates.
     */
    public NDArray klPerDim(NDManager m, NDArray raw, NDArray cond) {
        NDList q = posterior(m, raw, cond);
        NDArray mu = q.get(0);
        NDArray logVar = q.get(1);
        return mu.square().add(logVar.exp()).sub(1f).sub(logVar).mul(0.5f);
    }

    @Override
    public NDArray encode(NDManager m, NDArray raw, NDArray cond) {
        return posterior(m, raw, cond).get(0);
    }

    @Override
    public NDArray decode(NDManager m, NDArray z, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        return cfg.likelihood().mean(task.network().decode(ps, z, check(cond), false));
    }

    private NDArray check(NDArray cond) {
        return LatentSpaces.checkCondition(cond, cfg.numClasses(), "VAE");
    }
}
