package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each toy model trains a few hundred steps with a falling loss and samples that move toward the data;
 * the flow's density integrates to 1 and inverts exactly; the VAE's bounds sit below its exact marginal.
 */
class ToyModelsTest {

    static final int STEPS = 300;
    static final ToyDistribution MOONS = TwoMoons.standard();
    static final float[] HELD_OUT = MOONS.sample(600, new SplittableRandom(99));

    static ToyTraining training(int steps) {
        return new ToyTraining(steps, 128, 3e-3, 3, 600, 0, 50, 1.0);
    }

    /** Trains 1 step (an untrained model) and STEPS steps; checks loss and energy distance both fall. */
    static ToyFit trainsTowardTheData(Supplier<ToyModel> model, Consumer<NDManager> checks, ToyModel[] trained) {
        ToyFit before = ToyTrainer.fit(model.get(), MOONS, training(1), null, Device.cpu(), l -> { });
        ToyModel m = model.get();
        trained[0] = m;
        ToyFit after = ToyTrainer.fit(m, MOONS, training(STEPS), HELD_OUT, Device.cpu(), l -> { }, checks);
        assertNull(after.diverged());
        assertTrue(after.lastLoss() < after.firstLoss() - 0.05, m.family() + " loss " + after.firstLoss() + " -> "
                + after.lastLoss());
        double e0 = ToyMetrics.energyDistance(before.samples(), HELD_OUT);
        double e1 = ToyMetrics.energyDistance(after.samples(), HELD_OUT);
        assertTrue(e1 < 0.5 * e0, m.family() + " energy distance to the data " + e0 + " -> " + e1);
        assertEquals(2 * 600, after.samples().length);
        return after;
    }

    @Test
    void flowTrainsInvertsAndIntegratesToOne() {
        ToyModel[] box = new ToyModel[1];
        AtomicReference<double[]> found = new AtomicReference<>();
        ToyFit fit = trainsTowardTheData(() -> new ToyFlow(4, 32, 2, 3.0), m -> {
            ToyFlow flow = (ToyFlow) box[0];
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(MOONS.sample(256, new SplittableRandom(5)), new Shape(256, 2));
            NDArray back = flow.inverse(ps, flow.forward(ps, x)[0]);
            double err = back.sub(x).abs().max().getFloat();
            double integral = ToyTrainer.densityGrid(flow, m, 6.0, 120, 1).integral();
            found.set(new double[] {err, integral});
        }, box);
        assertTrue(found.get()[0] < 1e-4, "max |f^-1(f(x)) - x| = " + found.get()[0]);
        assertEquals(1.0, found.get()[1], 0.02, "integral of the flow's density over [-6, 6]^2");
        assertTrue(Double.isFinite(fit.heldOutLogDensity()));
        assertTrue(fit.heldOutLogDensity() > -fit.lastLoss() - 0.5, "held-out log p near the training log p");
    }

    @Test
    void vaeBoundsSitBelowItsExactMarginal() {
        ToyModel[] box = new ToyModel[1];
        AtomicReference<double[]> found = new AtomicReference<>();
        trainsTowardTheData(() -> new ToyVae(32, 2, 64), m -> {
            ToyVae vae = (ToyVae) box[0];
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(MOONS.sample(16, new SplittableRandom(6)), new Shape(16, 2));
            double elbo = vae.negativeElbo(ps, x).neg().mean().getFloat();
            double iwae = vae.logDensity(ps, x).mean().getFloat();
            // the marginal by quadrature over the 2-D latent (the prior's mass beyond +-6 is ~1e-9), at two
            // resolutions to show that the rule has converged
            double coarse = vae.quadratureLogDensity(ps, x, 200, 6.0).mean().getFloat();
            double exact = vae.quadratureLogDensity(ps, x, 400, 6.0).mean().getFloat();
            found.set(new double[] {elbo, iwae, exact, coarse});
        }, box);
        double[] v = found.get();
        assertEquals(v[2], v[3], 0.01, "quadrature converged");
        assertTrue(v[0] <= v[2] + 0.03, "ELBO " + v[0] + " <= log p(x) " + v[2]);
        assertTrue(v[1] <= v[2] + 0.03, "IWAE bound " + v[1] + " <= log p(x) " + v[2]);
        assertTrue(v[1] >= v[0] - 0.05, "IWAE (K = 64) " + v[1] + " >= ELBO " + v[0]);
    }

    @Test
    void diffusionTrainsWithTheSharedSamplers() {
        ToyModel[] box = new ToyModel[1];
        AtomicReference<float[]> ddim = new AtomicReference<>();
        ToyFit fit = trainsTowardTheData(() -> new ToyDiffusion(64, 2, 50, "ddpm", 50), m -> {
            ToyDiffusion fast = ((ToyDiffusion) box[0]).withSampler("ddim", 10);
            float[] s = fast.sample(new ParameterStore(m, false), m, 600).toFloatArray();
            ddim.set(s);
        }, box);
        assertNull(fit.density());
        assertNotNull(fit.densityNote());
        // the deterministic DDIM in 10 of the 50 levels runs through the same classes; on a model trained for
        // only 300 steps its samples are far worse than DDPM's (measured: energy distance 0.32 vs 0.04), so
        // only its output is checked here
        assertEquals(2 * 600, ddim.get().length);
        assertEquals(0, ToyMetrics.scores(MOONS, ddim.get(), HELD_OUT, HELD_OUT).get("nonfinite_samples"));
    }
}
