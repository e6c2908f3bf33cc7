package io.github.gen4j.toy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.gen4j.Gen4j;
import io.github.gen4j.train.AdamW;
import io.github.gen4j.train.ModelState;
import io.github.gen4j.train.NonFiniteException;
import io.github.gen4j.train.StepSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link ToyModel} on fresh batches of a {@link ToyDistribution} with the training core's pieces
 * ({@link AdamW}, {@link StepSeeds}, the NaN guard's {@link NonFiniteException}), then draws its samples
 * and evaluates its density on a grid. The image {@code train.Trainer} is not used: it is built around
 * image datasets, pixel batches, checkpoints and run folders, none of which a seconds-long 2D toy needs.
 *
 * <p>Seeding: step k draws its points from {@code StepSeeds.forStep(seed, k)} and seeds the engine with the
 * same value, so a run is reproducible; the final samples use {@code StepSeeds.forEval(seed)}.
 * Memory: weights and optimizer state live in sub-managers of one root; every step and the evaluation run
 * in their own sub-managers, closed when done.
 */
public final class ToyTrainer {

    /** Points per forward pass when evaluating the density grid. */
    private static final int GRID_CHUNK = 1024;

    private ToyTrainer() {}

    /**
     * Trains {@code model} from scratch, then samples it and (if it has a density and {@code cfg.gridSize()}
     * > 0) evaluates its log-density on a grid over [-extent, extent]^2 of {@code dist} and its mean on
     * {@code heldOut}.
     *
     * @param heldOut points (x0, y0, ...) never trained on, for the mean held-out log-density; may be null
     * @param log receives one line per logging window
     */
    public static ToyFit fit(ToyModel model, ToyDistribution dist, ToyTraining cfg, float[] heldOut, Device device,
            Consumer<String> log) {
        return fit(model, dist, cfg, heldOut, device, log, null);
    }

    /**
     * As {@link #fit(ToyModel, ToyDistribution, ToyTraining, float[], Device, Consumer)}, then calls
     * {@code whileTrained} (if not null) with a manager for its temporaries while the trained weights are
     * still alive (they are freed when this method returns): for checks on the trained model.
     */
    public static ToyFit fit(ToyModel model, ToyDistribution dist, ToyTraining cfg, float[] heldOut, Device device,
            Consumer<String> log, Consumer<NDManager> whileTrained) {
        Engine engine = Gen4j.engine();
        long seed = cfg.seed();
        List<Double> curve = new ArrayList<>();
        double window = 0;
        int inWindow = 0;
        String diverged = null;
        long t0 = System.nanoTime();
        double seconds;
        try (NDManager root = NDManager.newBaseManager(device);
                NDManager weights = root.newSubManager();
                NDManager state = root.newSubManager()) {
            try (NDManager init = root.newSubManager()) {
                engine.setRandomSeed(StepSeeds.forInit(seed));
                model.initialize(weights, batch(init, dist, cfg.batchSize(), StepSeeds.forInit(seed)));
            }
            AdamW opt = new AdamW("model", trainable(model), 0.9, 0.999, 0, state);
            for (int step = 0; step < cfg.steps(); step++) {
                try (NDManager sm = root.newSubManager()) {
                    engine.setRandomSeed(StepSeeds.forStep(seed, step));
                    NDArray x = batch(sm, dist, cfg.batchSize(), StepSeeds.forStep(seed, step));
                    double loss;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray l = model.loss(new ParameterStore(sm, false), x);
                        loss = l.getFloat();
                        if (!Double.isFinite(loss)) {
                            throw new NonFiniteException("loss is " + loss);
                        }
                        gc.backward(l);
                    }
                    opt.step(sm, cfg.lr(), cfg.clip());
                    window += loss;
                    inWindow++;
                } catch (NonFiniteException e) {
                    diverged = model.family() + " diverged at step " + step + ": " + e.getMessage();
                    log.accept(diverged);
                    break;
                }
                if (inWindow == cfg.logEvery() || step + 1 == cfg.steps()) {
                    curve.add(window / inWindow);
                    log.accept(String.format("%-10s %-6s step %6d  loss %.4f", model.family(), dist.name(), step + 1,
                            window / inWindow));
                    window = 0;
                    inWindow = 0;
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            float[] samples = new float[0];
            DensityGrid grid = null;
            double heldOutLogDensity = Double.NaN;
            if (diverged == null) {
                try (NDManager m = root.newSubManager()) {
                    engine.setRandomSeed(StepSeeds.forEval(seed));
                    samples = model.sample(new ParameterStore(m, false), m, cfg.samples()).toFloatArray();
                }
                if (model.density() != ToyModel.Density.NONE && cfg.gridSize() > 0) {
                    grid = densityGrid(model, root, dist.extent(), cfg.gridSize(), seed);
                }
                if (model.density() != ToyModel.Density.NONE && heldOut != null && heldOut.length >= 2) {
                    heldOutLogDensity = meanLogDensity(model, root, heldOut, seed);
                }
            }
            if (whileTrained != null && diverged == null) {
                try (NDManager m = root.newSubManager()) {
                    whileTrained.accept(m);
                }
            }
            double[] losses = curve.stream().mapToDouble(Double::doubleValue).toArray();
            return new ToyFit(model.family(), samples, grid, model.densityNote(), heldOutLogDensity, losses, seconds,
                    diverged);
        }
    }

    /** The model's log-density (or bound) at the cell centres of a size x size grid over [-extent, extent]^2. */
    public static DensityGrid densityGrid(ToyModel model, NDManager parent, double extent, int size, long seed) {
        float[] xy = DensityGrid.centres(extent, size);
        double[] out = new double[size * size];
        Gen4j.engine().setRandomSeed(StepSeeds.forEval(seed) + 1); // the VAE bound draws latents
        for (int start = 0; start < out.length; start += GRID_CHUNK) {
            int n = Math.min(GRID_CHUNK, out.length - start);
            try (NDManager m = parent.newSubManager()) {
                float[] chunk = new float[2 * n];
                System.arraycopy(xy, 2 * start, chunk, 0, 2 * n);
                float[] lp = model.logDensity(new ParameterStore(m, false), m.create(chunk, new Shape(n, 2)))
                        .toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[start + i] = lp[i];
                }
            }
        }
        return new DensityGrid(extent, size, out, model.density(), model.densityNote());
    }

    /** The mean of the model's log-density (or bound) over {@code points}, evaluated in chunks. */
    static double meanLogDensity(ToyModel model, NDManager parent, float[] points, long seed) {
        Gen4j.engine().setRandomSeed(StepSeeds.forEval(seed) + 2);
        int total = points.length / 2;
        double sum = 0;
        for (int start = 0; start < total; start += GRID_CHUNK) {
            int n = Math.min(GRID_CHUNK, total - start);
            try (NDManager m = parent.newSubManager()) {
                float[] chunk = new float[2 * n];
                System.arraycopy(points, 2 * start, chunk, 0, 2 * n);
                for (float v : model.logDensity(new ParameterStore(m, false), m.create(chunk, new Shape(n, 2)))
                        .toFloatArray()) {
                    sum += v;
                }
            }
        }
        return sum / total;
    }

    /** n fresh points of {@code dist} as (n, 2), drawn from {@code seed}. */
    static NDArray batch(NDManager m, ToyDistribution dist, int n, long seed) {
        return m.create(dist.sample(n, new SplittableRandom(seed)), new Shape(n, 2));
    }

    /** Every trainable parameter of the model's networks, keyed NETWORK/PARAM. */
    static List<Pair<String, Parameter>> trainable(ToyModel model) {
        List<String> names = new ArrayList<>(model.networks().keySet());
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : ModelState.params(model.networks(), names)) {
            if (p.getValue().requiresGradient()) {
                out.add(p);
            }
        }
        return out;
    }
}
