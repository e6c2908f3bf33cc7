package io.github.gen4j.compare;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.eval.EvalReport;
import io.github.gen4j.eval.Evaluator;
import io.github.gen4j.eval.Likelihoods;
import io.github.gen4j.eval.SampleSets;
import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.model.LikelihoodModel;
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
 * reconstruction error of held-out images (families with an encoder). Metric names drop the feature-network
 * suffix ({@code fid_fmnistcnn} becomes {@code fid}); the network is recorded once in the results.
 */
final class RunEvaluation {

    /** Held-out images shown and measured in the reconstruction grid. */
    static final int RECONSTRUCTIONS = 32;
    static final int GRID = 64;
    /** Name of the family's default sampling setting among the variants. */
    static final String DEFAULT_VARIANT = "default";

    /** What one checkpoint measured. */
    record Measured(Map<String, Double> metrics, Map<String, String> notes) {}

    private RunEvaluation() {}

    /**
     * Sample metrics (and, with {@code full}, everything else) of the run's checkpoint {@code checkpoint}
     * (null = newest). Images go to {@code imagesDir} as {@code tag-samples.png} and
     * {@code tag-reconstructions.png} when {@code full}.
     */
    static Measured measure(Path run, Path checkpoint, FamilyRecipe recipe, Evaluator ev, ImageDataset heldOut,
            CompareSettings s, long seed, Device device, boolean full, Path imagesDir, String tag,
            Map<String, Map<String, Double>> variantsOut) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        try (LoadedRun model = Runs.load(run, checkpoint, device)) {
            var d = model.config().data();
            SampleSets.Generated g = SampleSets.generate(model.generator(), model.manager(), s.evalSamples(),
                    d.channels(), d.height(), 256, SampleOptions.defaults(), seed, null);
            m.putAll(sampleMetrics(ev, g, model.config().family()));
            m.put("sample_ms_per_image", g.msPerImage());
            m.put("parameters", (double) model.parameterCount());
            if (!full) {
                return new Measured(m, notes);
            }
            ImageDataset im = g.images();
            int n = Math.min(GRID, im.size());
            byte[] px = new byte[n * im.imageSize()];
            for (int i = 0; i < n; i++) {
                im.copyImage(i, px, i * im.imageSize());
            }
            ImageGrid.write(imagesDir.resolve(tag + "-samples.png"), px, n, im.channels(), im.height(), im.width(),
                    (n + 7) / 8, 8, 2);
            List<FamilyRecipe.Variant> variants = new ArrayList<>(recipe.variants(model.task()));
            if (!variants.isEmpty()) { // the default setting on the same number of samples, for a fair FID
                variants.add(0, new FamilyRecipe.Variant(DEFAULT_VARIANT, SampleOptions.defaults()));
            }
            for (FamilyRecipe.Variant v : variants) {
                try {
                    SampleSets.Generated vg = SampleSets.generate(model.generator(), model.manager(),
                            s.variantSamples(), d.channels(), d.height(), 256, v.options(), seed, null);
                    Map<String, Double> vm = new LinkedHashMap<>(sampleMetrics(ev, vg, model.config().family()));
                    vm.put("sample_ms_per_image", vg.msPerImage());
                    variantsOut.put(v.name(), vm);
                } catch (RuntimeException e) { // an extra sampler setting failing does not fail the run
                    notes.put("sampler " + v.name(), "failed: " + e.getMessage());
                }
            }
            if (model.task() instanceof LikelihoodModel lm && s.likelihoodImages() > 0) {
                int total = Math.min(s.likelihoodImages(), heldOut.size());
                Map<String, Double> b = Likelihoods.evaluate(lm, model.manager(), heldOut, total,
                        s.likelihoodSamples(), 25, seed, null);
                String key = bestBound(b);
                if (key != null) {
                    m.put("bits_per_dim", b.get(key));
                    notes.put("bits_per_dim", (recipe.exactLikelihood() ? "exact density" : "upper bound") + ": "
                            + key + " on " + total + " held-out images, " + s.likelihoodSamples()
                            + (model.config().family().equals("diffusion") ? " timesteps" : " samples") + " per image");
                }
            }
            if (model.task() instanceof Reconstructor r) {
                reconstruct(r, model.manager(), heldOut, imagesDir.resolve(tag + "-reconstructions.png"), m);
            }
        }
        return new Measured(m, notes);
    }

    private static Map<String, Double> sampleMetrics(Evaluator ev, SampleSets.Generated g, String family) {
        EvalReport r = ev.evaluate(g.images(), g.requested(), g.images().size() + " samples of " + family);
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
