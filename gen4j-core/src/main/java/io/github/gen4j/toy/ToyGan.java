package io.github.gen4j.toy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.gan.GanSteps;
import io.github.gen4j.gan.Latents;
import io.github.gen4j.gan.MlpDiscriminator;
import io.github.gen4j.gan.MlpGenerator;
import io.github.gen4j.train.AdamW;
import io.github.gen4j.train.Ema;
import io.github.gen4j.train.ModelState;
import io.github.gen4j.train.NonFiniteException;
import io.github.gen4j.train.StepSeeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The 2D toy demonstration of mode collapse and its cure: MLP generator and discriminator trained on a
 * {@link ToyDistribution} with exactly the step of the image GAN ({@link GanSteps}: same losses,
 * penalties, spectral norm, n D steps) and the core's {@link AdamW} and {@link Ema}, so a recipe that
 * covers the ring's modes here is the recipe the image GAN runs. Every {@code plotEvery} steps it counts
 * the modes covered by {@code samples} generator points (EMA weights if on) and can draw a scatter plot.
 */
public final class ToyGan {

    /**
     * Coverage at one checkpoint, the energy distance of the samples to the run's data points
     * ({@link ToyMetrics#energyDistance}), the last losses, and the plot (null when not plotting).
     */
    public record Checkpoint(int step, ToyModeCoverage coverage, double energyDistance, Map<String, Double> metrics,
            Path plot) {}

    /**
     * What a toy run reports: the checkpoints, the generator's points at the last one ({@code samples},
     * (x0, y0, ...); empty if none was reached), the training time, and {@code diverged}, the reason if it
     * stopped on NaN/Inf.
     */
    public record Result(List<Checkpoint> checkpoints, float[] samples, double seconds, String diverged) {
        public ToyModeCoverage last() {
            return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1).coverage();
        }
    }

    private ToyGan() {}

    /**
     * The GAN's entry in the {@link ToyGallery}: {@link #run} with the gallery's preset, steps, seed and sample
     * count, no plots of its own. {@code heldOut} is not used: a GAN defines no density to evaluate it under.
     */
    public static ToyFit galleryFit(ToyDistribution dist, int steps, long seed, float[] heldOut,
            ToyGallery.Options opts) throws IOException {
        ToyGanConfig cfg = ToyGanConfig.defaults(opts.ganPreset()).withSteps(steps, Math.max(1, steps))
                .withSeed(seed).withSamples(opts.samples());
        Result r = run(cfg, dist, "gan-" + opts.ganPreset().cliName(), null, opts.device(), opts.log());
        double[] losses = r.checkpoints().stream().mapToDouble(c -> c.metrics().getOrDefault("loss_d", Double.NaN))
                .toArray();
        return new ToyFit("gan", r.samples(), null, "none: a GAN defines no density, only a sampler",
                Double.NaN, losses, r.seconds(), r.diverged());
    }

    /**
     * Trains one toy GAN.
     *
     * @param label name used in plot file names and captions ("plain", "stabilized", ...)
     * @param plotDir folder for {@code <label>-step-N.png} plots, or null for no plots
     * @param log receives one line per checkpoint
     */
    public static Result run(ToyGanConfig cfg, ToyDistribution dist, String label, Path plotDir, Device device,
            Consumer<String> log) throws IOException {
        Engine engine = Gen4j.engine();
        GanRecipe r = cfg.recipe();
        MlpGenerator g = new MlpGenerator(cfg.latentDim(), cfg.hidden(), cfg.layers(), 2);
        MlpDiscriminator d = new MlpDiscriminator(2, cfg.hidden(), cfg.layers(), r.spectralNorm());
        GanSteps steps = new GanSteps(g, d, r, 0);
        List<Checkpoint> out = new ArrayList<>();
        float[] last = new float[0];
        long t0 = System.nanoTime();
        float[] real = dist.sample(cfg.samples(), new SplittableRandom(cfg.seed() ^ 0x5DEECE66DL));
        try (NDManager root = NDManager.newBaseManager(device);
                NDManager weights = root.newSubManager();
                NDManager state = root.newSubManager()) {
            engine.setRandomSeed(StepSeeds.forInit(cfg.seed()));
            g.initialize(weights);
            d.initialize(weights);
            Map<String, AdamW> opts = new LinkedHashMap<>();
            opts.put(GanSteps.DISCRIMINATOR, new AdamW(GanSteps.DISCRIMINATOR, trainable(d, "discriminator"),
                    r.beta1(), r.beta2(), 0, state));
            opts.put(GanSteps.GENERATOR, new AdamW(GanSteps.GENERATOR, trainable(g, "generator"), r.beta1(),
                    r.beta2(), 0, state));
            Map<String, Double> lrs = Map.of(GanSteps.DISCRIMINATOR, r.lrD(), GanSteps.GENERATOR, r.lrG());
            Ema ema = cfg.emaDecay() > 0 ? new Ema(cfg.emaDecay(), trainable(g, "generator"), state) : null;
            Map<String, Double> window = new LinkedHashMap<>();
            for (int step = 0; step < cfg.steps(); step++) {
                try (NDManager sm = root.newSubManager()) {
                    engine.setRandomSeed(StepSeeds.forStep(cfg.seed(), step));
                    float[] xy = dist.sample(cfg.batchSize(), new SplittableRandom(StepSeeds.forStep(cfg.seed(), step)));
                    NDArray x = sm.create(xy, new Shape(cfg.batchSize(), 2));
                    Map<String, Double> m = steps.step(sm, new ParameterStore(sm, false), x, null,
                            name -> opts.get(name).step(sm, lrs.get(name), 0));
                    for (Map.Entry<String, Double> e : m.entrySet()) {
                        if (!Double.isFinite(e.getValue())) {
                            throw new NonFiniteException(e.getKey() + " is " + e.getValue());
                        }
                        window.put(e.getKey(), e.getValue());
                    }
                    if (ema != null) {
                        ema.update(step);
                    }
                } catch (NonFiniteException e) {
                    String why = label + " diverged at step " + step + ": " + e.getMessage();
                    log.accept(why);
                    return new Result(out, last, (System.nanoTime() - t0) / 1e9, why);
                }
                int done = step + 1;
                if (done % cfg.plotEvery() == 0 || done == cfg.steps()) {
                    float[] samples = sample(root, g, ema, cfg);
                    last = samples;
                    ToyModeCoverage cov = ToyModeCoverage.of(dist, samples);
                    double energy = ToyMetrics.energyDistance(samples, real);
                    Path plot = null;
                    if (plotDir != null) {
                        plot = plotDir.resolve(String.format("%s-step-%06d.png", label, done));
                        ToyPlots.writeScatter(plot, dist, real, samples, label + ", step " + done, 480, 480);
                    }
                    out.add(new Checkpoint(done, cov, energy, Map.copyOf(window), plot));
                    String what = dist.modes().isEmpty() ? "" : cov + "  ";
                    log.accept(String.format("%-12s step %6d  %senergy %.4f  loss_d %.3f  loss_g %.3f", label, done,
                            what, energy,
                            window.getOrDefault("loss_d", Double.NaN), window.getOrDefault("loss_g", Double.NaN)));
                }
            }
        }
        return new Result(out, last, (System.nanoTime() - t0) / 1e9, null);
    }

    /** cfg.samples() points from the generator (EMA weights if any), with the fixed evaluation seed. */
    private static float[] sample(NDManager root, MlpGenerator g, Ema ema, ToyGanConfig cfg) {
        try (NDManager m = root.newSubManager()) {
            if (ema != null) {
                ema.swapIn(m);
            }
            try {
                Gen4j.engine().setRandomSeed(StepSeeds.forEval(cfg.seed()));
                NDArray z = Latents.normal(m, cfg.samples(), cfg.latentDim(), 0);
                return g.generate(new ParameterStore(m, false), z, null, false).toFloatArray();
            } finally {
                if (ema != null) {
                    ema.swapOut(m);
                }
            }
        }
    }

    /** A network's trainable parameters keyed like the training core's (NETWORK/PARAM). */
    private static List<Pair<String, Parameter>> trainable(Block net, String name) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : ModelState.params(Map.of(name, net), List.of(name))) {
            if (p.getValue().requiresGradient()) {
                out.add(p);
            }
        }
        return out;
    }
}
