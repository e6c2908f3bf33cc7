package io.github.gen4j.diffusion;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.diffusion.sampler.Sampler;
import io.github.gen4j.diffusion.sampler.Samplers;
import io.github.gen4j.diffusion.sampler.ScheduleTables;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diffusion family for the training core: one network ("unet"), one optimizer, EMA on the network.
 * Training (Ho et al. 2020, Algorithm 1): x_0 = dequantized pixels in [-1, 1], t ~ U{0..T-1},
 * eps ~ N(0, I), x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, and
 *
 * <pre>
 * loss = mean ||eps - eps_theta(x_t, t)||^2                        (eps-prediction)
 * loss = mean ||v - v_theta(x_t, t)||^2,  v = sqrt(abar_t) eps - sqrt(1 - abar_t) x_0   (v-prediction)
 * </pre>
 * A conditional model sees "no class" (label K) with probability labelDropout (Ho & Salimans 2022).
 * Sampling goes through a {@link Sampler} chosen by {@link SampleOptions#sampler()}; the network enters
 * it as a {@link NoisePredictor} with guidance folded in. Editing (denoising, inpainting, inversion) is
 * in {@link DiffusionEditing}; the likelihood bound in {@link VariationalBound}.
 */
public final class DiffusionTask implements TrainingTask, ImageGenerator, LikelihoodModel {

    /** Held-out images whose denoising loss is logged at each evaluation during training. */
    static final int EVAL_LOSS_IMAGES = 256;
    /** Held-out images and timestep strata of the bound estimated during training (eval uses more). */
    static final int EVAL_VLB_IMAGES = 64;
    static final int EVAL_VLB_STRATA = 10;
    /** Guidance scale of the per-class sample grids written during training. */
    static final double SNAPSHOT_GUIDANCE = 2.0;

    private final DiffusionConfig cfg;
    private final UNet unet;
    private final NoiseSchedule schedule;
    private ScheduleTables tables;

    public DiffusionTask(DiffusionConfig cfg) {
        this.cfg = cfg;
        this.unet = new UNet(cfg);
        this.schedule = cfg.noiseSchedule();
    }

    public DiffusionConfig config() {
        return cfg;
    }

    public UNet network() {
        return unet;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** The schedule's device tables (available after {@link #initialize}). */
    public ScheduleTables tables() {
        if (tables == null) {
            throw new IllegalStateException("the diffusion model is not initialized");
        }
        return tables;
    }

    @Override
    public String family() {
        return "diffusion";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put("unet", unet);
        return m;
    }

    @Override
    public void initialize(NDManager manager) {
        unet.initialize(manager);
        tables = schedule.onDevice(manager); // once, on the model's long-lived manager
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return List.of(OptimizerSpec.of("model", "unet"));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of("unet");
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDArray loss = loss(ctx.parameterStore(), batch, true);
            gc.backward(loss);
            out.put("loss", (double) loss.getFloat());
        }
        ctx.update("model");
        return out;
    }

    /** The training objective on a batch (random t and eps from the engine's generator), a scalar. */
    NDArray loss(ParameterStore ps, Batch batch, boolean training) {
        NDArray raw = batch.pixels();
        NDManager m = raw.getManager();
        int b = batch.size();
        NDArray x0 = signed(Pixels.dequantize(raw)); // (B, C, H, W) in [-1, 1)
        NDArray t = m.randomUniform(0f, schedule.timesteps(), new Shape(b)).floor()
                .clip(0, schedule.timesteps() - 1).toType(DataType.INT32, false);
        NDArray eps = m.randomNormal(x0.getShape());
        NDArray xt = tables().addNoise(x0, eps, t);
        NDArray labels = null;
        if (cfg.conditional()) {
            labels = trainingLabels(batch, training);
        }
        NDArray pred = unet.predict(ps, xt, t.toType(DataType.FLOAT32, false), labels, training);
        NDArray target = cfg.prediction() == DiffusionConfig.Prediction.EPSILON ? eps
                : eps.mul(tables().sqrtAlphaBar(t)).sub(x0.mul(tables().sqrtOneMinusAlphaBar(t)));
        return pred.sub(target).square().mean();
    }

    /** Batch labels with each replaced by "no class" (K) with probability labelDropout while training. */
    private NDArray trainingLabels(Batch batch, boolean training) {
        if (!batch.hasLabels()) {
            throw new IllegalArgumentException("a class-conditional diffusion model needs labelled data");
        }
        NDArray labels = batch.labels().toType(DataType.INT32, false);
        if (!training || cfg.labelDropout() <= 0) {
            return labels;
        }
        NDArray drop = labels.getManager().randomUniform(0f, 1f, labels.getShape())
                .lt((float) cfg.labelDropout()).toType(DataType.INT32, false); // 1 = drop
        return labels.mul(drop.neg().add(1)).add(drop.mul(cfg.numClasses()));
    }

    /** [0, 1) values (dequantized pixels / 256) to the model's [-1, 1) space. */
    static NDArray signed(NDArray unit) {
        return unit.mul(2f).sub(1f);
    }

    /**
     * The network as a noise predictor eps(x_t, t) for host labels (one per image) and a classifier-free
     * guidance scale: 0 = the unconditional model, 1 = the conditional one, > 1 guided (see {@link Guidance}).
     */
    public NoisePredictor predictor(ParameterStore ps, int[] labels, double guidance) {
        return Guidance.predictor(this, ps, labels, guidance);
    }

    /** eps_theta(x, t) from the network's output (eps directly, or eps = sqrt(abar) v + sqrt(1-abar) x). */
    NDArray eps(ParameterStore ps, NDArray x, int t, NDArray labels) {
        long b = x.getShape().get(0);
        NDArray out = unet.predict(ps, x, x.getManager().full(new Shape(b), (float) t), labels, false);
        if (cfg.prediction() == DiffusionConfig.Prediction.EPSILON) {
            return out;
        }
        double ab = schedule.alphaBar(t);
        return Ops.mul(out, Math.sqrt(ab)).add(Ops.mul(x, Math.sqrt(1 - ab)));
    }

    /** Per-image class labels for sampling, or null for the unconditional model (see {@link Guidance}). */
    int[] sampleLabels(int n, SampleOptions o) {
        return Guidance.labels(cfg, n, o);
    }

    /** The sampler and its number of steps for these options. */
    Sampler sampler(SampleOptions o) {
        return Samplers.create(o.sampler(), schedule, o.eta(), true);
    }

    int steps(Sampler s, SampleOptions o) {
        int steps = o.steps() > 0 ? o.steps() : s.defaultSteps();
        if (steps > schedule.timesteps()) {
            throw new IllegalArgumentException("--steps " + steps + ": the model has only " + schedule.timesteps()
                    + " noise levels");
        }
        return steps;
    }

    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions o) {
        Sampler s = sampler(o);
        int steps = steps(s, o);
        NoisePredictor model = predictor(new ParameterStore(manager, false), sampleLabels(n, o), o.guidance());
        NDArray xT = manager.randomNormal(new Shape(n, cfg.channels(), cfg.imageSize(), cfg.imageSize()));
        NDArray x0 = s.sample(model, xT, steps, k -> o.reportStep(k, steps));
        return Pixels.signedToUnit(x0);
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        ParameterStore ps = new ParameterStore(manager, false);
        int n = Math.min(EVAL_LOSS_IMAGES, heldOut.size());
        double loss = 0;
        for (int from = 0; from < n; from += 64) {
            int k = Math.min(64, n - from);
            try (NDManager m = manager.newSubManager()) {
                Batch part = heldOut.slice(from, k, m);
                loss += loss(ps, part, false).getFloat() * k;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", loss / n);
        int v = Math.min(EVAL_VLB_IMAGES, heldOut.size());
        try (NDManager m = manager.newSubManager()) {
            Map<String, Double> sums = bitsPerDimSum(m, heldOut.slice(0, v, m), EVAL_VLB_STRATA);
            sums.forEach((key, value) -> out.put(key, value / v));
        }
        return out;
    }

    /**
     * The variational bound (Ho et al. 2020, eq. 5) on dequantized 8-bit pixels, estimated with
     * {@code samples} stratified timesteps per image: sums over the batch of "vlb_bpd" (bits/dim) and
     * "nvlb_nats" (nats per image), see {@link VariationalBound}.
     */
    @Override
    public Map<String, Double> bitsPerDimSum(NDManager manager, Batch batch, int samples) {
        return new VariationalBound(this).sums(manager, batch, Math.max(1, samples));
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
                perClass.add(generate(manager, cols, SampleOptions.ofClass(k).withGuidance(SNAPSHOT_GUIDANCE)));
            }
            samples = ai.djl.ndarray.NDArrays.concat(perClass);
        } else {
            samples = generate(manager, rows * cols, SampleOptions.defaults());
        }
        ImageGrid.write(dir.resolve("samples-" + tag + ".png"), samples.toFloatArray(), rows * cols, c, s, s,
                rows, cols, 2, 0f, 1f);
    }
}
