package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.nn.Scope;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingDivergedException;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The image GAN family for the training core: networks "generator" ({@link DcganGenerator}, or a VAE
 * decoder as {@link VaeDecoderGenerator} for a VAE-pretrained GAN) and
 * "discriminator" ({@link DcganDiscriminator}), one Adam optimizer each with the recipe's own learning
 * rate and betas (TTUR), EMA on the generator, and the step of {@link GanSteps}. Pixels are mapped to
 * [-1, 1] (tanh output).
 *
 * <p>Monitoring: every training line has loss_d, loss_g, d_real, d_fake, d_wins, and the core adds
 * grad_norm/generator and grad_norm/discriminator; every evaluation logs the diversity of a fixed batch of
 * samples against held-out images (the mode-collapse signal). A discriminator that wins completely for
 * {@code dWinPatience} steps stops the run with a message (the generator then gets no useful gradient).
 */
public final class GanTask implements TrainingTask, ImageGenerator {

    /** Samples and real images compared by the diversity signal at each evaluation. */
    static final int DIVERSITY_SAMPLES = 256;

    /** Samples per network pass in {@link #evaluate}. */
    static final int EVAL_CHUNK = 128;

    private final GanConfig cfg;
    private final GeneratorNet generator;
    private final DcganDiscriminator discriminator;
    private final GanSteps steps;

    public GanTask(GanConfig cfg) {
        this.cfg = cfg;
        this.generator = cfg.vaeDecoder() == null ? new DcganGenerator(cfg) : new VaeDecoderGenerator(cfg.vaeDecoder());
        this.discriminator = new DcganDiscriminator(cfg);
        this.steps = new GanSteps(generator, discriminator, cfg.recipe(), cfg.numClasses());
    }

    public GanConfig config() {
        return cfg;
    }

    /** The generator: a {@link DcganGenerator}, or a {@link VaeDecoderGenerator} when the config has a VAE decoder. */
    public GeneratorNet generator() {
        return generator;
    }

    public DcganDiscriminator discriminator() {
        return discriminator;
    }

    @Override
    public String family() {
        return "gan";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put(GanSteps.GENERATOR, generator);
        m.put(GanSteps.DISCRIMINATOR, discriminator);
        return m;
    }

    @Override
    public void initialize(NDManager manager) {
        if (generator instanceof VaeDecoderGenerator v) {
            v.initialize(manager);
        } else {
            ((DcganGenerator) generator).initialize(manager);
        }
        discriminator.initialize(manager);
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        GanRecipe r = cfg.recipe();
        return List.of(
                new OptimizerSpec(GanSteps.DISCRIMINATOR, List.of(GanSteps.DISCRIMINATOR), r.lrD(), r.beta1(), r.beta2()),
                new OptimizerSpec(GanSteps.GENERATOR, List.of(GanSteps.GENERATOR), r.lrG(), r.beta1(), r.beta2()));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of(GanSteps.GENERATOR);
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        NDArray x = Pixels.toSigned(batch.pixels());
        Map<String, Double> out = steps.step(ctx.manager(), ctx.parameterStore(), x, batch.labels(), ctx::update);
        int patience = cfg.recipe().dWinPatience();
        if (patience > 0 && steps.winStreak() >= patience) {
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "the discriminator has won completely for %d steps (step %d: D(x) = %.2f, D(G(z)) = %.2f, "
                    + "%.0f%% of samples beyond the %s margin): the generator gets no useful gradient and will not "
                    + "recover. Try --preset stabilized (hinge + spectral norm + TTUR), a lower --lr-d, or --r1 10; "
                    + "--d-win-patience 0 turns this check off", steps.winStreak(), ctx.step(), out.get("d_real"),
                    out.get("d_fake"), 100 * out.get("d_wins"), cfg.recipe().loss().cliName()), null);
        }
        return out;
    }

    /**
     * Held-out metrics: the diversity signal (mean pairwise L2 distance in [-1, 1] pixel space of a fixed
     * batch of samples, of as many held-out images, and their ratio), and D's mean score on held-out real
     * images and on those samples. The engine is seeded before the call, so the sample batch is the same at
     * every evaluation and the signal is comparable over time.
     */
    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        ParameterStore ps = new ParameterStore(manager, false);
        int n = Math.min(DIVERSITY_SAMPLES, heldOut.size());
        Map<String, Double> m = new LinkedHashMap<>();
        if (n < 2) {
            return m;
        }
        NDArray real = Pixels.toSigned(heldOut.pixels().get("0:" + n));
        NDArray y = cfg.conditional() && heldOut.labels() != null
                ? Latents.oneHot(heldOut.labels().get("0:" + n), cfg.numClasses()) : null;
        if (cfg.conditional() && y == null) {
            y = Latents.oneHot(Latents.labels(manager, n, cfg.numClasses(), -1), cfg.numClasses());
        }
        NDArray z = Latents.normal(manager, n, cfg.latentDim(), 0);
        NDArray labels = y;
        // the networks see EVAL_CHUNK samples at a time (a training batch's worth of memory); per sample the
        // same numbers, as neither network has randomness or batch statistics in evaluation
        NDArray fake = inChunks(n, r -> GanSteps.generate(generator, ps, z.get(r), rows(labels, r), false));
        double dFake = Diversity.meanPairwiseDistance(fake);
        double dReal = Diversity.meanPairwiseDistance(real);
        m.put("diversity", dFake);
        m.put("diversity_real", dReal);
        m.put("diversity_ratio", dFake / dReal);
        m.put("d_real", (double) inChunks(n, r -> GanSteps.score(discriminator, ps, real.get(r), rows(labels, r),
                false)).mean().getFloat());
        m.put("d_fake", (double) inChunks(n, r -> GanSteps.score(discriminator, ps, fake.get(r), rows(labels, r),
                false)).mean().getFloat());
        return m;
    }

    /** f of each range "from:to" of EVAL_CHUNK rows out of n, concatenated along the batch axis. */
    private static NDArray inChunks(int n, Function<String, NDArray> f) {
        return Scope.inChunks(n, EVAL_CHUNK, r -> new NDList(f.apply(r))).singletonOrThrow();
    }

    /** Rows r of a, or null when a is. */
    private static NDArray rows(NDArray a, String r) {
        return a == null ? null : a.get(r);
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
    }

    /** Samples (n, C, S, S) in [0, 1]; honours {@link SampleOptions#classLabel()} and truncation. */
    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions o) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray z = Latents.normal(manager, n, cfg.latentDim(), o.truncation());
        NDArray y = null;
        if (cfg.conditional()) {
            if (o.classLabel() >= cfg.numClasses()) {
                throw new IllegalArgumentException("--class " + o.classLabel() + ": the GAN has " + cfg.numClasses()
                        + " classes");
            }
            y = Latents.oneHot(Latents.labels(manager, n, cfg.numClasses(), o.classLabel()), cfg.numClasses());
        } else if (o.classLabel() >= 0) {
            throw new IllegalArgumentException("--class: this GAN is unconditional (train with --conditional)");
        }
        return Pixels.signedToUnit(GanSteps.generate(generator, ps, z, y, false));
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }
}
