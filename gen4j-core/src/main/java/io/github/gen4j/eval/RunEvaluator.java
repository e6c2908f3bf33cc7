package io.github.gen4j.eval;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.model.SampleOptions;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The two measurements every trained model gets, shared by {@code gen4j eval RUN} and {@code gen4j compare} so
 * that both compute the same numbers the same way: its likelihood bounds on held-out images (families with a
 * likelihood) and the metrics of samples drawn from it, timed, against an {@link Evaluator}'s reference.
 * The caller owns the loaded model and what it does with the numbers (a table, a comparison's result).
 */
public final class RunEvaluator {

    /**
     * What to measure.
     *
     * @param samples samples to draw for the sample metrics
     * @param sampling how to draw them (a diffusion model's sampler and steps)
     * @param likelihoodImages held-out images for the bounds (0 = all)
     * @param likelihoodSamples importance samples per image (IWAE k, flow noise draws), or timesteps per
     *     image of a diffusion model's variational bound
     * @param likelihoodBatch images per forward pass of the bounds (each costs likelihoodSamples evaluations)
     * @param seed seed of the samples and of the bounds' randomness
     */
    public record Options(int samples, SampleOptions sampling, int likelihoodImages, int likelihoodSamples,
            int likelihoodBatch, long seed) {

        /** These options drawing {@code n} samples with {@code how}. */
        public Options withSamples(int n, SampleOptions how) {
            return new Options(n, how, likelihoodImages, likelihoodSamples, likelihoodBatch, seed);
        }
    }

    /** Mean bounds in bits/dim by name ({@code elbo_bpd}, {@code iwae_bpd}, ...) over {@code images} images. */
    public record Likelihood(Map<String, Double> bounds, int images, double seconds) {}

    /** The drawn samples (with their timing) and their metrics. */
    public record Samples(SampleSets.Generated generated, EvalReport report) {}

    /** Images per sampling pass. */
    private static final int SAMPLE_BATCH = 256;

    private final Object model;
    private final NDManager manager;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param model the trained model (its task), measured through the capabilities it implements
     * @param manager a manager on the model's device (each measurement opens sub-managers)
     * @param channels image shape the model generates: channels, height, width
     */
    public RunEvaluator(Object model, NDManager manager, int channels, int height, int width) {
        this.model = model;
        this.manager = manager;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Whether the model has a likelihood ({@link LikelihoodModel}). */
    public boolean hasLikelihood() {
        return model instanceof LikelihoodModel;
    }

    /** The bounds on the first {@code o.likelihoodImages()} of {@code heldOut}; progress counts images. */
    public Likelihood likelihood(ImageDataset heldOut, Options o, IntConsumer progress) {
        if (!(model instanceof LikelihoodModel lm)) {
            throw new IllegalStateException("a model without a likelihood has no bounds");
        }
        int total = o.likelihoodImages() <= 0 ? heldOut.size() : Math.min(o.likelihoodImages(), heldOut.size());
        long t0 = System.nanoTime();
        Map<String, Double> bounds = Likelihoods.evaluate(lm, manager, heldOut, total, o.likelihoodSamples(),
                o.likelihoodBatch(), o.seed(), progress);
        return new Likelihood(bounds, total, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Draws {@code o.samples()} samples (seeded, timed; a conditional model gets every class in equal shares)
     * and measures them with {@code ev}; {@code what} names the set in the report. Progress counts samples.
     */
    public Samples samples(Evaluator ev, Options o, String what, IntConsumer progress) {
        if (!(model instanceof ImageGenerator g)) {
            throw new IllegalArgumentException("a model that cannot sample has no sample metrics");
        }
        if (height != width) {
            throw new IllegalArgumentException("sample metrics need square images, the run has " + height + "x"
                    + width);
        }
        SampleSets.Generated gen = SampleSets.generate(g, manager, o.samples(), channels, height, SAMPLE_BATCH,
                o.sampling(), o.seed(), progress);
        return new Samples(gen, ev.evaluate(gen.images(), gen.requested(), what));
    }
}
