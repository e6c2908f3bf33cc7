package io.github.gen4j.vae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VAE family for the training core: one network ("vae"), one optimizer ("model"), EMA on the
 * network, and the objective
 *
 * <p>loss = E_q[-log p(x|z)] + beta KL(q(z|x) || N(0, I)), per image, divided by D = C*H*W
 * (nats per dimension, so the learning rate does not depend on image size).
 */
public final class VaeTask implements TrainingTask, ImageGenerator, Reconstructor, LikelihoodModel {

    /** Images per forward pass of {@link #evaluate}: about a training batch's worth of memory. */
    static final int EVAL_CHUNK = 128;

    private final VaeConfig cfg;
    private final ConvVae vae;

    public VaeTask(VaeConfig cfg) {
        this.cfg = cfg;
        this.vae = new ConvVae(cfg);
    }

    public VaeConfig config() {
        return cfg;
    }

    public ConvVae network() {
        return vae;
    }

    @Override
    public String family() {
        return "vae";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put("vae", vae);
        return m;
    }

    @Override
    public void initialize(NDManager manager) {
        vae.initialize(manager);
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return List.of(OptimizerSpec.of("model", "vae"));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of("vae");
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        Engine engine = Gen4j.engine();
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = engine.newGradientCollector()) {
            Terms t = terms(ctx.parameterStore(), batch, true);
            NDArray loss = Ops.div(t.recon.neg().add(Ops.mul(t.kl, cfg.beta())).mean(), cfg.dims());
            gc.backward(loss);
            out.put("loss", (double) loss.getFloat());
            out.put("recon_nats", (double) t.recon.neg().mean().getFloat());
            out.put("kl_nats", (double) t.kl.mean().getFloat());
        }
        ctx.update("model");
        return out;
    }

    /** Per-image log p(x|z) (one posterior sample) and KL, both (B), in nats. */
    private Terms terms(ParameterStore ps, Batch batch, boolean training) {
        NDArray raw = batch.pixels();
        NDArray x = cfg.likelihood().data(raw, true);
        NDArray eps = raw.getManager().randomNormal(new Shape(batch.size(), cfg.latentDim()));
        return terms(ps, raw, x, batch.labels(), eps, training);
    }

    /**
     * As above with the model's view x of the raw pixels ({@link Likelihood#data}, (B, C, H, W)) and the
     * posterior sample's noise eps (B, Z) given: z = mu + sigma eps.
     */
    private Terms terms(ParameterStore ps, NDArray raw, NDArray x, NDArray labels, NDArray eps, boolean training) {
        NDArray oneHot = oneHot(labels);
        NDList stats = vae.encode(ps, x, oneHot, training);
        NDArray mu = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray z = mu.add(Ops.mul(logVar, 0.5).exp().mul(eps));
        NDArray out = vae.decode(ps, z, oneHot, training);
        NDArray recon = cfg.likelihood().logProb(out, x, raw);
        // KL(N(mu, s^2) || N(0, 1)) = 0.5 sum(mu^2 + s^2 - 1 - log s^2)
        NDArray kl = Ops.mul(mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(new int[] {1}), 0.5);
        return new Terms(recon, kl);
    }

    private record Terms(NDArray recon, NDArray kl) {}

    /**
     * Held-out ELBO terms. The network runs over {@link #EVAL_CHUNK} images at a time, each chunk in its own
     * manager (every intermediate of a forward pass lives until its manager closes: 1,000 images at once
     * held over 1 GB), while the noise is drawn for the whole batch first, in the order one pass over it
     * draws it, so the numbers do not depend on the chunking.
     */
    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        ParameterStore ps = new ParameterStore(manager, false);
        int n = heldOut.size();
        NDArray x = cfg.likelihood().data(heldOut.pixels(), true);
        NDArray eps = manager.randomNormal(new Shape(n, cfg.latentDim()));
        NDList recons = new NDList();
        NDList kls = new NDList();
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            int k = Math.min(EVAL_CHUNK, n - from);
            try (NDManager m = manager.newSubManager()) {
                Batch part = heldOut.slice(from, k, m);
                Terms t = terms(ps, part.pixels(), local(x, from, k, m), part.labels(), local(eps, from, k, m),
                        false);
                t.recon.attach(manager);
                t.kl.attach(manager);
                recons.add(t.recon);
                kls.add(t.kl);
            }
        }
        double recon = NDArrays.concat(recons).mean().getFloat();
        double kl = NDArrays.concat(kls).mean().getFloat();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("recon_nats", -recon);
        m.put("kl_nats", kl);
        m.put("nelbo_nats", cfg.likelihood().nats8bit(recon - kl, cfg.dims()));
        if (cfg.likelihood().hasBitsPerDim()) {
            m.put("elbo_bpd", cfg.likelihood().bitsPerDim(recon - kl, cfg.dims()));
        }
        return m;
    }

    /**
     * Likelihood bounds on a batch, each averaged over its images: the ELBO (one posterior sample) and
     * the importance-weighted bound (Burda et al. 2016) with {@code k} samples, in nats per image and in
     * bits/dim of 8-bit data. IWAE_k >= ELBO for every image in expectation and tends to log p(x).
     */
    public Bounds bounds(NDManager manager, Batch batch, int k) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray raw = batch.pixels();
        int b = batch.size();
        NDArray x = cfg.likelihood().data(raw, true);
        NDArray oneHot = oneHot(batch.labels());
        NDList stats = vae.encode(ps, x, oneHot, false);
        NDArray mu = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray std = logVar.mul(0.5f).exp();
        // k samples per image: tile to (k*B, ...) with sample-major order, then view as (k, B)
        NDArray eps = manager.randomNormal(new Shape((long) k * b, cfg.latentDim()));
        NDArray z = tile(mu, k).add(tile(std, k).mul(eps));
        NDArray out = vae.decode(ps, z, oneHot == null ? null : tile(oneHot, k), false);
        NDArray logPx = cfg.likelihood().logProb(out, tile(x, k), tile(raw, k)).reshape(k, b);
        double halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
        NDArray logPz = z.square().mul(-0.5f).sub((float) halfLog2Pi).sum(new int[] {1}).reshape(k, b);
        NDArray logQz = eps.square().mul(-0.5f).sub((float) halfLog2Pi).sum(new int[] {1}).reshape(k, b)
                .sub(tile(logVar.mul(0.5f), k).sum(new int[] {1}).reshape(k, b));
        NDArray logW = logPx.add(logPz).sub(logQz); // (k, B)
        NDArray max = logW.max(new int[] {0}, true);
        NDArray iwae = logW.sub(max).exp().mean(new int[] {0}).log().add(max.squeeze(0)); // (B)
        double elbo = logW.mean().getFloat(); // each row is a one-sample ELBO estimate
        double iw = iwae.mean().getFloat();
        Likelihood l = cfg.likelihood();
        return new Bounds(b, k, l.nats8bit(elbo, cfg.dims()), l.nats8bit(iw, cfg.dims()),
                l.bitsPerDim(elbo, cfg.dims()), l.bitsPerDim(iw, cfg.dims()));
    }

    /**
     * Negative log-likelihood bounds, averaged over {@code images}.
     *
     * @param nelboNats negative ELBO in nats per image of 8-bit data (see {@link Likelihood#nats8bit})
     * @param niwaeNats negative IWAE bound in nats per image
     * @param elboBpd negative ELBO in bits/dim of 8-bit data (NaN if the likelihood has none)
     * @param iwaeBpd negative IWAE bound in bits/dim
     */
    public record Bounds(int images, int k, double nelboNats, double niwaeNats, double elboBpd, double iwaeBpd) {}

    /**
     * Sums over the batch of the negative ELBO and IWAE_k bounds in bits/dim ("elbo_bpd", "iwae_bpd"),
     * and in nats per image ("nelbo_nats", "niwae_nats"). Bits/dim are absent for the Bernoulli
     * likelihood, which is not a distribution over 8-bit values.
     */
    @Override
    public Map<String, Double> bitsPerDimSum(NDManager manager, Batch batch, int samples) {
        Bounds b = bounds(manager, batch, Math.max(1, samples));
        Map<String, Double> m = new LinkedHashMap<>();
        if (cfg.likelihood().hasBitsPerDim()) {
            m.put("elbo_bpd", b.elboBpd() * b.images());
            m.put("iwae_bpd", b.iwaeBpd() * b.images());
        }
        m.put("nelbo_nats", b.nelboNats() * b.images());
        m.put("niwae_nats", b.niwaeNats() * b.images());
        return m;
    }

    /** Rows [from, from + n) of {@code a}, owned by {@code m}. */
    private static NDArray local(NDArray a, int from, int n, NDManager m) {
        NDArray r = a.get(from + ":" + (from + n));
        r.attach(m);
        return r;
    }

    private static NDArray tile(NDArray a, int k) {
        long[] reps = new long[a.getShape().dimension()];
        java.util.Arrays.fill(reps, 1);
        reps[0] = k;
        return a.tile(reps);
    }

    private NDArray oneHot(NDArray labels) {
        if (!cfg.conditional()) {
            return null;
        }
        if (labels == null) {
            throw new IllegalArgumentException("a conditional VAE needs labelled data");
        }
        return labels.oneHot(cfg.numClasses()).toType(DataType.FLOAT32, false);
    }

    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions o) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray z = manager.randomNormal(new Shape(n, cfg.latentDim())).mul((float) o.temperature());
        NDArray oneHot = null;
        if (cfg.conditional()) {
            int[] lb = new int[n];
            for (int i = 0; i < n; i++) {
                lb[i] = o.classLabel() >= 0 ? o.classLabel() : i % cfg.numClasses();
            }
            oneHot = manager.create(lb).oneHot(cfg.numClasses()).toType(DataType.FLOAT32, false);
        } else if (o.classLabel() >= 0) {
            throw new IllegalArgumentException("--class: this VAE is unconditional (train with --conditional)");
        }
        return cfg.likelihood().mean(vae.decode(ps, z, oneHot, false));
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public NDArray reconstruct(NDManager manager, NDArray raw, NDArray labels) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray oneHot = oneHot(labels);
        NDArray x = cfg.likelihood().data(raw, false);
        NDArray mu = vae.encode(ps, x, oneHot, false).get(0);
        return cfg.likelihood().mean(vae.decode(ps, mu, oneHot, false));
    }

    @Override
    public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException {
        int c = cfg.channels();
        int s = cfg.imageSize();
        int cols = 8;
        int rows = cfg.conditional() ? cfg.numClasses() : 8;
        NDArray samples;
        if (cfg.conditional()) {
            NDList perClass = new NDList();
            for (int k = 0; k < cfg.numClasses(); k++) {
                perClass.add(generate(manager, cols, SampleOptions.ofClass(k)));
            }
            samples = NDArrays.concat(perClass);
        } else {
            samples = generate(manager, rows * cols, SampleOptions.defaults());
        }
        ImageGrid.write(dir.resolve("samples-" + tag + ".png"), samples.toFloatArray(), rows * cols, c, s, s,
                rows, cols, 2, 0f, 1f);
        // reconstructions: rows alternate originals / reconstructions, 8 per row
        int n = Math.min(32, fixed.size());
        if (n == 0) {
            return;
        }
        NDArray raw = fixed.pixels().get("0:" + n);
        NDArray labels = fixed.labels() == null ? null : fixed.labels().get("0:" + n);
        NDArray rec = reconstruct(manager, raw, labels);
        ImageGrid.writePairs(dir.resolve("reconstructions-" + tag + ".png"), raw.div(255f).toFloatArray(),
                rec.toFloatArray(), n, c, s, s, cols, 2, 0f, 1f);
    }
}
