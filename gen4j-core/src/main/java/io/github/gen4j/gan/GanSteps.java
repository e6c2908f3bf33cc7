package io.github.gen4j.gan;

import io.github.gen4j.nn.Ops;
import io.github.gen4j.nn.Scope;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One adversarial training step, the same for every GAN in gen4j (image GANs and the 2D toy): n
 * discriminator updates, then one generator update, with the recipe's loss and penalties. Optimizers are
 * named "discriminator" and "generator".
 *
 * <p><b>How n D steps get their data.</b> The training core hands a task one batch per step. With
 * {@code dSteps = n}, that batch of B real samples is split into n chunks of B / n, one per D update, and
 * each D and G update draws B / n fresh latents (with n = 1 and no penalty, D's fakes and G's update share
 * one generator pass, the textbook order). So every real image is still seen exactly once per epoch,
 * "images/s" keeps meaning real images per second, the batch of a step stays a pure function of (seed,
 * step) (exact resume is untouched), and no change to the core is needed. The price: to keep D's batch at
 * 64 with n = 5, ask for {@code --batch-size 320}.
 */
public final class GanSteps {

    /** Applies a named optimizer to the accumulated gradients and zeroes them; returns the gradient norm. */
    @FunctionalInterface
    public interface Optimizers {
        double update(String optimizer);
    }

    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";

    private final GeneratorNet g;
    private final DiscriminatorNet d;
    private final GanRecipe recipe;
    private final int numClasses;
    private int winStreak;

    public GanSteps(GeneratorNet g, DiscriminatorNet d, GanRecipe recipe, int numClasses) {
        this.g = g;
        this.d = d;
        this.recipe = recipe;
        this.numClasses = numClasses;
    }

    /**
     * One step on a batch of real samples (B, ...) in the data's scale, with labels (B) or null. Returns
     * the metrics: loss_d, loss_g, d_real and d_fake (mean raw scores of the last D update), gp / r1 when
     * used, d_wins (fraction of that update's samples D classifies beyond the loss's margin) and
     * d_win_streak (consecutive steps with d_wins >= 0.99).
     */
    public Map<String, Double> step(NDManager m, ParameterStore ps, NDArray real, NDArray labels, Optimizers opt) {
        int n = recipe.dSteps();
        long b = real.getShape().get(0);
        if (b % n != 0 || b / n < 2) {
            throw new IllegalArgumentException("--batch-size " + b + " must be a multiple of --d-steps " + n
                    + " with at least 2 samples per discriminator step");
        }
        if (numClasses > 0 && labels == null) {
            throw new IllegalArgumentException("a conditional GAN needs labelled data");
        }
        int chunk = (int) (b / n);
        double lossD = 0;
        double gp = 0;
        double r1 = 0;
        double lossG;
        NDArray sReal;
        NDArray sFake;
        if (n == 1 && !recipe.needsInputGradients()) {
            // the textbook order (one generator pass): fake = G(z); D step on (real, detached fake);
            // G step on D'(fake), scored by the updated D, back-propagated through the same G graph
            NDArray y = numClasses > 0 ? Latents.oneHot(labels, numClasses) : null;
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray fake = generate(g, ps, Latents.normal(m, chunk, g.latentDim(), 0), y, true); // (B, C, S, S)
                DiscriminatorUpdate u = discriminatorPass(gc, ps, real, fake.stopGradient(), y);
                opt.update(DISCRIMINATOR);
                lossD = u.loss();
                sReal = u.realScores();
                sFake = u.fakeScores();
                lossG = generatorPass(gc, ps, fake, y);
            }
        } else {
            DiscriminatorUpdate last = null;
            for (int i = 0; i < n; i++) {
                String range = (i * chunk) + ":" + ((i + 1) * chunk);
                NDArray y = numClasses > 0 ? Latents.oneHot(labels.get(range), numClasses) : null;
                last = trainDiscriminator(m, ps, real.get(range), y, opt);
                lossD += last.loss();
                gp += last.gp();
                r1 += last.r1();
            }
            sReal = last.realScores();
            sFake = last.fakeScores();
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDArray y = numClasses > 0 ? Latents.oneHot(labels.get("0:" + chunk), numClasses) : null;
                lossG = generatorPass(gc, ps, generate(g, ps, Latents.normal(m, chunk, g.latentDim(), 0), y, true), y);
            }
        }
        // the generator's backward went through D and left gradients there: they belong to no D update (cleared
        // before G's update, which may throw on a non-finite gradient and roll the step back)
        GradientPenalty.zeroGradients(d);
        opt.update(GENERATOR);

        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss_d", lossD / n);
        out.put("loss_g", lossG);
        out.put("d_real", (double) sReal.mean().getFloat());
        out.put("d_fake", (double) sFake.mean().getFloat());
        if (recipe.loss() == GanLoss.WGAN_GP && recipe.gpWeight() > 0) {
            out.put("gp", gp / n);
        }
        if (recipe.r1Gamma() > 0) {
            out.put("r1", r1 / n);
        }
        double margin = recipe.loss().winMargin();
        if (!Double.isNaN(margin)) {
            double wins = 0.5 * (sReal.gt((float) margin).toType(DataType.FLOAT32, false)
                    .mean().getFloat() + sFake.lt((float) -margin).toType(DataType.FLOAT32,
                    false).mean().getFloat());
            winStreak = wins >= 0.99 ? winStreak + 1 : 0;
            out.put("d_wins", wins);
            out.put("d_win_streak", (double) winStreak);
        }
        return out;
    }

    /**
     * What one discriminator update saw: its loss, the penalties (0 when unused), and the scores (B) of the
     * real and generated samples.
     */
    public record DiscriminatorUpdate(double loss, double gp, double r1, NDArray realScores, NDArray fakeScores) {}

    /**
     * One discriminator update on real samples x (B, ...) with one-hot labels y (B, K) or null, against B
     * fresh generator samples: loss (+ lambda GP) (+ gamma/2 R1), backward, {@code update("discriminator")}.
     */
    public DiscriminatorUpdate trainDiscriminator(NDManager m, ParameterStore ps, NDArray x, NDArray y,
            Optimizers opt) {
        int b = (int) x.getShape().get(0);
        // G's output is a constant for the D update: no graph (grad mode is off outside a collector)
        NDArray fake = generate(g, ps, Latents.normal(m, b, g.latentDim(), 0), y, true).stopGradient();
        if (!recipe.needsInputGradients()) {
            DiscriminatorUpdate u;
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                u = discriminatorPass(gc, ps, x, fake, y);
            }
            opt.update(DISCRIMINATOR);
            return u;
        }
        double gp = 0;
        double r1 = 0;
        NDArray sReal;
        NDArray sFake;
        double lossValue;
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDArray penalty = null;
            NDArray xr = recipe.r1Gamma() > 0 ? requiringGradient(x) : x;
            sReal = score(d, ps, xr, y, true);
            sFake = score(d, ps, fake, y, true);
            if (recipe.loss() == GanLoss.WGAN_GP && recipe.gpWeight() > 0) {
                NDArray mix = GradientPenalty.interpolate(x, fake);
                NDArray p = GradientPenalty.wgan(GradientPenalty.inputGradient(score(d, ps, mix, y, true), mix));
                gp = p.getFloat();
                penalty = Ops.mul(p, recipe.gpWeight());
            }
            if (recipe.r1Gamma() > 0) {
                NDArray p = GradientPenalty.r1(GradientPenalty.inputGradient(sReal, xr));
                r1 = p.getFloat();
                NDArray term = Ops.mul(p, recipe.r1Gamma() / 2);
                penalty = penalty == null ? term : penalty.add(term);
            }
            // the first-order backwards above also filled D's parameter gradients: clear them
            GradientPenalty.zeroGradients(d);
            NDArray loss = recipe.loss().discriminatorLoss(sReal, sFake);
            lossValue = loss.getFloat();
            gc.backward(penalty == null ? loss : loss.add(penalty));
        }
        opt.update(DISCRIMINATOR);
        return new DiscriminatorUpdate(lossValue, gp, r1, sReal, sFake);
    }

    /**
     * D's loss on real x (B, ...) and generated samples (B, ...) without penalties, in one forward over both
     * (D has no batch statistics, so this equals two), back-propagated into D's gradients by {@code gc}.
     */
    private DiscriminatorUpdate discriminatorPass(GradientCollector gc, ParameterStore ps, NDArray x, NDArray fake,
            NDArray y) {
        long b = x.getShape().get(0);
        NDArray both = score(d, ps, x.concat(fake, 0), y == null ? null : y.concat(y, 0), true);
        NDArray sReal = both.get("0:" + b);
        NDArray sFake = both.get(b + ":");
        NDArray loss = recipe.loss().discriminatorLoss(sReal, sFake);
        double value = loss.getFloat();
        gc.backward(loss);
        return new DiscriminatorUpdate(value, 0, 0, sReal, sFake);
    }

    /** G's loss on generated samples (B, ...) as scored by D, back-propagated by {@code gc}; returns its value. */
    private double generatorPass(GradientCollector gc, ParameterStore ps, NDArray fake, NDArray y) {
        NDArray loss = recipe.loss().generatorLoss(score(d, ps, fake, y, true));
        double value = loss.getFloat();
        gc.backward(loss);
        return value;
    }

    /** Consecutive steps so far in which D classified (almost) every sample beyond its margin. */
    public int winStreak() {
        return winStreak;
    }

    /**
     * G(z) (B, ...) with G's activations freed when it returns, not when the step ends: the graph keeps what
     * backward needs (see {@link Scope}).
     */
    static NDArray generate(GeneratorNet g, ParameterStore ps, NDArray z, NDArray oneHot, boolean training) {
        return Scope.run(z, in -> new NDList(g.generate(ps, in, oneHot, training))).singletonOrThrow();
    }

    /** D's scores (B) of x, with D's activations freed when it returns (see {@link Scope}). */
    static NDArray score(DiscriminatorNet d, ParameterStore ps, NDArray x, NDArray oneHot, boolean training) {
        return Scope.run(x, in -> new NDList(d.score(ps, in, oneHot, training))).singletonOrThrow();
    }

    /** A copy of x, as a leaf that records the gradient of whatever is computed from it. */
    private static NDArray requiringGradient(NDArray x) {
        NDArray c = x.duplicate();
        c.setRequiresGradient(true);
        return c;
    }
}
