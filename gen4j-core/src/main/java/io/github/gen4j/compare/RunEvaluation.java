package io.github.gen4j.compare;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.eval.EvalReport;
import io.github.gen4j.eval.Evaluator;
import io.github.gen4j.eval.RunEvaluator;
import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.Runs;
import io.github.gen4j.family.SamplerVariant;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of one trained run (one checkpoint), every one on images the model was not trained on:
 * sample metrics of {@code evalSamples} samples against the held-out reference of the {@link Evaluator},
 * sampling speed, parameters, the likelihood bound on held-out images (families with a likelihood), and the
 * reconstruction error of held-out images (families with an encoder), through the {@link RunEvaluator} that
 * {@code gen4j eval RUN} uses too. Metric names drop the feature-network suffix ({@code fid_fmnistcnn} becomes
 * {@code fid}); the network is recorded once in the results.
 */
final class RunEvaluation {

    /** Held-out images shown and measured in the reconstruction grid. */
    static final int RECONSTRUCTIONS = 32;
    static final int GRID = 64;
    /** Images per forward pass of the likelihood bound. */
    static final int LIKELIHOOD_BATCH = 25;

    /**
     * What one checkpoint measured.
     *
     * @param metrics every number of the default sampling setting (and of the model: parameters, bounds)
     * @param notes what a number is when that needs saying (which likelihood bound)
     * @param variants sample metrics of the recipe's extra sampler settings, by {@link SamplerVariant#name()}
     */
    record Measured(Map<String, Double> metrics, Map<String, String> notes, Map<String, Map<String, Double>> variants) {}

    private final Evaluator ev;
    private final ImageDataset heldOut;
    private final CompareSettings s;
    private final Device device;

    RunEvaluation(Evaluator ev, ImageDataset heldOut, CompareSettings s, Device device) {
        this.ev = ev;
        this.heldOut = heldOut;
        this.s = s;
        this.device = device;
    }

    /** The sample metrics, speed and size of {@code run} at {@code checkpoint} (a point of its curve). */
    Measured samples(Path run, Path checkpoint, long seed) {
        try (LoadedRun model = Runs.load(run, checkpoint, device)) {
            return new Measured(sampleMetrics(model, seed, new LinkedHashMap<>()).metrics, Map.of(), Map.of());
        }
    }

    /**
     * Everything of the run's newest checkpoint: the sample metrics, the recipe's sampler variants, the
     * likelihood bound and the reconstructions. Images go to {@code imagesDir} as {@code tag-samples.png} and
     * {@code tag-reconstructions.png}.
     */
    Measured full(Path run, FamilyRecipe recipe, long seed, Path imagesDir, String tag) throws IOException {
        try (LoadedRun model = Runs.load(run, null, device)) {
            Map<String, String> notes = new LinkedHashMap<>();
            Drawn drawn = sampleMetrics(model, seed, new LinkedHashMap<>());
            Map<String, Double> m = drawn.metrics;
            ImageDataset im = drawn.images;
            int n = Math.min(GRID, im.size());
            byte[] px = new byte[n * im.imageSize()];
            for (int i = 0; i < n; i++) {
                im.copyImage(i, px, i * im.imageSize());
            }
            ImageGrid.write(imagesDir.resolve(tag + "-samples.png"), px, n, im.channels(), im.height(), im.width(),
                    (n + 7) / 8, 8, 2);
            Map<String, Map<String, Double>> variantsOut = new LinkedHashMap<>();
            List<SamplerVariant> variants = new ArrayList<>(recipe.variants(model.task()));
            if (!variants.isEmpty()) { // the default setting on the same number of samples, for a fair FID
                variants.add(0, SamplerVariant.DEFAULT);
            }
            RunEvaluator re = evaluator(model);
            for (SamplerVariant v : variants) {
                try {
                    RunEvaluator.Samples vs = re.samples(ev, options(seed).withSamples(s.variantSamples(), v.options()),
                            s.variantSamples() + " samples of " + model.config().family(), null);
                    Map<String, Double> vm = new LinkedHashMap<>(metricsOf(vs.report()));
                    vm.put("sample_ms_per_image", vs.generated().msPerImage());
                    variantsOut.put(v.name(), vm);
                } catch (RuntimeException e) { // an extra sampler setting failing does not fail the run
                    notes.put("sampler " + v.name(), "failed: " + e.getMessage());
                }
            }
            if (re.hasLikelihood() && s.likelihoodImages() > 0) {
                RunEvaluator.Likelihood b = re.likelihood(heldOut, options(seed), null);
                String key = bestBound(b.bounds());
                if (key != null) {
                    m.put("bits_per_dim", b.bounds().get(key));
                    notes.put("bits_per_dim", (recipe.exactLikelihood() ? "exact density" : "upper bound") + ": "
                            + key + " on " + b.images() + " held-out images, " + s.likelihoodSamples()
                            + (model.config().family().equals("diffusion") ? " timesteps" : " samples") + " per image");
                }
            }
            if (model.task() instanceof Reconstructor r) {
                reconstruct(r, model.manager(), heldOut, imagesDir.resolve(tag + "-reconstructions.png"), m);
            }
            return new Measured(m, notes, variantsOut);
        }
    }

    /** Samples of the default setting and their metrics, speed and the model's size. */
    private record Drawn(Map<String, Double> metrics, ImageDataset images) {}

    private Drawn sampleMetrics(LoadedRun model, long seed, Map<String, Double> m) {
        RunEvaluator.Samples drawn = evaluator(model).samples(ev, options(seed), s.evalSamples() + " samples of "
                + model.config().family(), null);
        m.putAll(metricsOf(drawn.report()));
        m.put("sample_ms_per_image", drawn.generated().msPerImage());
        m.put("parameters", (double) model.parameterCount());
        return new Drawn(m, drawn.generated().images());
    }

    private static RunEvaluator evaluator(LoadedRun model) {
        var d = model.config().data();
        return new RunEvaluator(model.task(), model.manager(), d.channels(), d.height(), d.width());
    }

    private RunEvaluator.Options options(long seed) {
        return new RunEvaluator.Options(s.evalSamples(), SampleOptions.defaults(),
                Math.min(s.likelihoodImages(), heldOut.size()), s.likelihoodSamples(), LIKELIHOOD_BATCH, seed);
    }

    private Map<String, Double> metricsOf(EvalReport r) {
        Map<String, Double> m = withoutNetwork(r.metrics(), ev.network().name());
        m.remove("sharpness_real");
        return m;
    }

    /** The metrics with the feature network's suffix dropped from their names ({@code fid_fmnistcnn} -> {@code fid}). */
    static Map<String, Double> withoutNetwork(Map<String, Double> metrics, String network) {
        String suffix = "_" + network;
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.forEach((k, v) -> m.put(k.endsWith(suffix) ? k.substring(0, k.length() - suffix.length()) : k, v));
        return m;
    }

    /** The tightest bound the family reports: importance-weighted if present, else its first bits/dim value. */
    static String bestBound(Map<String, Double> b) {
        for (String k : new String[] {"iwae_bpd", "iw_bpd"}) {
            if (b.containsKey(k)) {
                return k;
            }
        }
        return b.keySet().stream().filter(k -> k.endsWith("_bpd") || k.equals("bpd")).findFirst().orElse(null);
    }

    /** Held-out images above their reconstructions; mean squared error (pixels in [0, 1]) and PSNR. */
    private static void reconstruct(Reconstructor r, NDManager parent, ImageDataset heldOut, Path png,
            Map<String, Double> m) throws IOException {
        int n = Math.min(RECONSTRUCTIONS, heldOut.size());
        try (NDManager sub = parent.newSubManager()) {
            Batch b = Batcher.range(heldOut, 0, n, sub);
            NDArray rec = r.reconstruct(sub, b.pixels(), b.labels()); // (n, C, H, W) in [0, 1]
            float[] x = b.pixels().div(255f).toFloatArray(); // no gradients here: plain division is safe
            float[] y = rec.toFloatArray();
            double mse = ImageOps.mse(y, 0, x, 0, x.length);
            m.put("recon_mse", mse);
            m.put("recon_psnr", ImageOps.psnr(mse));
            ImageGrid.writePairs(png, x, y, n, heldOut.channels(), heldOut.height(), heldOut.width(), 8, 2, 0f, 1f);
        }
    }
}
