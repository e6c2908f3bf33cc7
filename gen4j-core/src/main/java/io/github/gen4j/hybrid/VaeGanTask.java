package io.github.gen4j.hybrid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.gan.DcganDiscriminator;
import io.github.gen4j.gan.Diversity;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.VaeDecoderGenerator;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.LatentCodec;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.nn.Scope;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.ConvVae;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The VAE-GAN family ("vaegan") for the training core: networks "vae" (a {@link ConvVae}: encoder and
 * decoder, the same network and parameter names as a VAE run) and "discriminator" (a
 * {@link DcganDiscriminator}); optimizers "vae" (lrG) and "discriminator" (lrD); EMA on "vae"; the step of
 * {@link VaeGanStep}. Samples decode z ~ N(0, I); reconstructions decode the posterior mean.
 *
 * <p>No likelihood: the reconstruction term is a Gaussian over discriminator features, not over pixels, so
 * the model gives no bound on the probability of an image (it is not a {@code LikelihoodModel}).
 */
public final class VaeGanTask implements TrainingTask, ImageGenerator, Reconstructor, LatentCodec {

    static final String VAE = "vae";
    static final String DISCRIMINATOR = "discriminator";

    /** Samples and held-out images compared by the diversity signal at each evaluation. */
    static final int DIVERSITY_SAMPLES = 256;

    /** Images per network pass in {@link #evaluate}. */
    static final int EVAL_CHUNK = 128;

    private final VaeGanConfig cfg;
    private final ConvVae vae;
    private final DcganDiscriminator discriminator;
    private final VaeGanStep step;

    public VaeGanTask(VaeGanConfig cfg) {
        this.cfg = cfg;
        this.vae = new ConvVae(cfg.vae());
        this.discriminator = new DcganDiscriminator(cfg.ganConfig());
        this.step = new VaeGanStep(cfg, vae, discriminator);
    }

    public VaeGanConfig config() {
        return cfg;
    }

    public ConvVae vae() {
        return vae;
    }

    public DcganDiscriminator discriminator() {
        return discriminator;
    }

    @Override
    public String family() {
        return "vaegan";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put(VAE, vae);
        m.put(DISCRIMINATOR, discriminator);
        return m;
    }

    @Override
    public void initialize(NDManager manager) {
        vae.initialize(manager);
        discriminator.initialize(manager);
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        GanRecipe r = cfg.recipe();
        return List.of(new OptimizerSpec(VAE, List.of(VAE), r.lrG(), r.beta1(), r.beta2()),
                new OptimizerSpec(DISCRIMINATOR, List.of(DISCRIMINATOR), r.lrD(), r.beta1(), r.beta2()));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of(VAE);
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        return step.step(ctx.manager(), ctx.parameterStore(), batch.pixels(), ctx::update);
    }

    /**
     * Held-out metrics (deterministic: posterior means, seeded prior samples): pixel MSE of reconstructions
     * in [0, 1] units, the feature-space reconstruction term L_llike (nats per image, up to its constant), KL (nats
     * per image), the diversity of a fixed batch of samples against held-out images (the mode-collapse
     * signal of the GAN family), and D's mean score on real images and on samples.
     */
    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        ParameterStore ps = new ParameterStore(manager, false);
        int n = Math.min(DIVERSITY_SAMPLES, heldOut.size());
        Map<String, Double> out = new LinkedHashMap<>();
        if (n < 2) {
            return out;
        }
        NDArray raw = heldOut.pixels().get("0:" + n);
        NDArray xSigned = Pixels.toSigned(raw);
        NDArray xUnit = Pixels.toUnit(raw);
        // every network sees EVAL_CHUNK images at a time, in a scope (a training batch's worth of memory); the
        // metrics are computed over all n outputs, as before (the feature scale of L_llike is a batch statistic)
        var stats = Scope.inChunks(n, EVAL_CHUNK, r -> Scope.run(xUnit.get(r), x -> vae.encode(ps, x, null, false)));
        NDArray mu = stats.get(0);
        NDArray logVar = stats.get(1);
        NDArray rec = inChunks(mu, z -> decodeSigned(ps, z));
        NDArray fake = inChunks(manager.randomNormal(new Shape(n, cfg.vae().latentDim())), z -> decodeSigned(ps, z));
        int l = cfg.featureLayer();
        NDArray fx = inChunks(xSigned, x -> discriminator.scoreAndFeatures(ps, x, null, false, l).get(1));
        NDArray fr = inChunks(rec, x -> discriminator.scoreAndFeatures(ps, x, null, false, l).get(1));
        out.put("pixel_mse", (double) rec.sub(xSigned).square().mean().getFloat() / 4);
        out.put("llike_nats", (double) VaeGanStep.featureLlike(fx, fr).mean().getFloat());
        out.put("kl_nats", (double) mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(new int[] {1}).mean()
                .getFloat() / 2);
        double dFake = Diversity.meanPairwiseDistance(fake);
        double dReal = Diversity.meanPairwiseDistance(xSigned);
        out.put("diversity", dFake);
        out.put("diversity_real", dReal);
        out.put("diversity_ratio", dFake / dReal);
        out.put("d_real", (double) inChunks(xSigned, x -> discriminator.score(ps, x, null, false)).mean().getFloat());
        out.put("d_fake", (double) inChunks(fake, x -> discriminator.score(ps, x, null, false)).mean().getFloat());
        return out;
    }

    /** f over the rows of a, EVAL_CHUNK at a time, each pass in a scope; concatenated (B, ...). */
    private static NDArray inChunks(NDArray a, UnaryOperator<NDArray> f) {
        return Scope.inChunks((int) a.getShape().get(0), EVAL_CHUNK,
                r -> Scope.run(a.get(r), x -> new NDList(f.apply(x)))).singletonOrThrow();
    }

    /** Dec(z) in [-1, 1], (B, C, S, S). */
    private NDArray decodeSigned(ParameterStore ps, NDArray z) {
        return Ops.mul(decodeUnit(ps, z), 2).sub(1f);
    }

    /** Dec(z) in [0, 1], (B, C, S, S): the decoder's image mean. */
    private NDArray decodeUnit(ParameterStore ps, NDArray z) {
        return VaeDecoderGenerator.imageMean(cfg.vae().likelihood(), vae.decode(ps, z, null, false));
    }

    @Override
    public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException {
        int c = cfg.vae().channels();
        int s = cfg.vae().imageSize();
        NDArray samples = generate(manager, 64, SampleOptions.defaults());
        ImageGrid.write(dir.resolve("samples-" + tag + ".png"), samples.toFloatArray(), 64, c, s, s, 8, 8, 2, 0f, 1f);
        int n = Math.min(32, fixed.size());
        if (n == 0) {
            return;
        }
        NDArray raw = fixed.pixels().get("0:" + n);
        NDArray rec = reconstruct(manager, raw, null);
        ImageGrid.writePairs(dir.resolve("reconstructions-" + tag + ".png"), raw.div(255f).toFloatArray(),
                rec.toFloatArray(), n, c, s, s, 8, 2, 0f, 1f);
    }

    /** Samples Dec(z), z ~ N(0, T^2 I) with T the temperature; (n, C, S, S) in [0, 1]. */
    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions o) {
        if (o.classLabel() >= 0) {
            throw new IllegalArgumentException("--class: the VAE-GAN is unconditional");
        }
        NDArray z = manager.randomNormal(new Shape(n, cfg.vae().latentDim())).mul((float) o.temperature());
        return decodeUnit(new ParameterStore(manager, false), z);
    }

    @Override
    public int numClasses() {
        return 0;
    }

    /** Dec(posterior mean of x), (B, C, S, S) in [0, 1]. */
    @Override
    public NDArray reconstruct(NDManager manager, NDArray raw, NDArray labels) {
        return decode(manager, encode(manager, raw, labels), labels);
    }

    @Override
    public int latentDim() {
        return cfg.vae().latentDim();
    }

    /** The posterior mean E q(z | x), (B, Z). */
    @Override
    public NDArray encode(NDManager manager, NDArray raw, NDArray labels) {
        return vae.encode(new ParameterStore(manager, false), Pixels.toUnit(raw), null, false).get(0);
    }

    @Override
    public NDArray decode(NDManager manager, NDArray z, NDArray labels) {
        return decodeUnit(new ParameterStore(manager, false), z);
    }
}
