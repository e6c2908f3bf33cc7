package io.github.gen4j.toy;

import ai.djl.Device;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The 2D toy section of a comparison, as a library call: trains each family's toy model (its
 * {@link ToyRecipe}, from the family's registration in {@code family.FamilyRegistry#toys}) on each toy
 * distribution with the same number of steps, and writes per family x distribution a scatter plot of samples over
 * held-out data, a density heat map where the family has a density, and metrics; then one
 * {@code metrics.json} and one {@code gallery.png} (rows: families; columns: per distribution, samples and
 * density). Every file is written atomically.
 *
 * <p>Metrics (all against held-out points of the distribution, never trained on):
 * <ul>
 *   <li>{@code energy_distance}: {@link ToyMetrics#energyDistance} between samples and held-out data (0 =
 *       same distribution), with {@code energy_distance_data}, the same between two data sets of the same
 *       sizes (the sampling-noise floor);
 *   <li>{@code kde_loglik}: mean log-density of held-out data under a Gaussian KDE of the samples
 *       (nats/point, higher is better), with {@code kde_loglik_data} for a KDE of fresh data;
 *   <li>{@code heldout_loglik}: the model's own log p (flow: exact; VAE: importance-weighted bound);
 *   <li>ring only: {@code modes_covered} of {@code modes} and {@code high_quality} (see {@link ToyModeCoverage}).
 * </ul>
 */
public final class ToyGallery {

    /** Held-out data points per distribution. */
    static final int HELD_OUT = 1000;

    /** Extra width of a density plot for its colour legend, so that its plot area stays about square. */
    static final int DENSITY_LEGEND = 90;

    /** Side of each plot, in pixels. */
    static final int PLOT = 420;

    /**
     * One family on one distribution.
     *
     * @param scatterPng the samples-over-data plot
     * @param densityPng the density heat map, or null (then {@code densityNote} says why)
     * @param metrics see the class comment; NaN-free: absent metrics are left out
     * @param trainSeconds wall-clock training time
     * @param diverged why training stopped early on a non-finite value, or null
     */
    public record Entry(String family, String distribution, Path scatterPng, Path densityPng, String densityNote,
            Map<String, Double> metrics, double trainSeconds, String diverged) {}

    /** Everything a run wrote. */
    public record Result(List<Entry> entries, Path metricsJson, Path galleryPng) {}

    /**
     * Options beyond the families, distributions, steps and seed.
     *
     * @param ganPreset the GAN recipe (see {@code gen4j toy gan} for the comparison of presets)
     * @param samples samples per model for plots and metrics
     * @param gridSize density grid cells per side
     */
    public record Options(GanPreset ganPreset, int samples, int gridSize, Device device, Consumer<String> log) {

        /** The stabilized GAN preset, 2000 samples, a 64 x 64 grid, the CPU, no log. */
        public static Options defaults() {
            return new Options(GanPreset.STABILIZED, 2000, 64, Device.cpu(), line -> { });
        }
    }

    private ToyGallery() {}

    /** {@link #run(Map, List, int, long, Path, Options)} with {@link Options#defaults()}. */
    public static Result run(Map<String, ToyRecipe> families, List<ToyDistribution> dists, int steps, long seed,
            Path outDir) throws IOException {
        return run(families, dists, steps, seed, outDir, Options.defaults());
    }

    /**
     * Trains every family of {@code families} (family name to its toy model, in report order) on every
     * distribution for {@code steps} steps with {@code seed}, and writes the plots, {@code metrics.json} and
     * {@code gallery.png} into {@code outDir} (created if needed).
     *
     * @throws IllegalArgumentException on no family or no distribution
     */
    public static Result run(Map<String, ToyRecipe> families, List<ToyDistribution> dists, int steps, long seed,
            Path outDir, Options opts) throws IOException {
        if (families.isEmpty() || dists.isEmpty()) {
            throw new IllegalArgumentException("toy gallery: name at least one family and one distribution");
        }
        Files.createDirectories(outDir);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, ToyRecipe> family : families.entrySet()) {
            for (ToyDistribution dist : dists) {
                entries.add(entry(family.getKey(), family.getValue(), dist, steps, seed, outDir, opts));
            }
        }
        Path json = outDir.resolve("metrics.json");
        Json.write(json, summary(entries, steps, seed, opts));
        Path gallery = outDir.resolve("gallery.png");
        GalleryImage.write(gallery, entries, dists, PLOT / 2);
        return new Result(List.copyOf(entries), json, gallery);
    }

    private static Entry entry(String family, ToyRecipe toy, ToyDistribution dist, int steps, long seed, Path outDir,
            Options opts) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x70E5L);
        float[] heldOut = dist.sample(HELD_OUT, rng.split());
        float[] fresh = dist.sample(opts.samples(), rng.split()); // the "perfect model" for reference metrics
        ToyFit fit = toy.fit(dist, steps, seed, heldOut, opts);
        String d = ToyDistribution.cliName(dist);
        String base = family + "-" + d;
        Map<String, Double> m = new LinkedHashMap<>();
        if (fit.samples().length > 0) {
            m.putAll(ToyMetrics.scores(dist, fit.samples(), heldOut, fresh));
        }
        if (Double.isFinite(fit.heldOutLogDensity())) {
            m.put("heldout_loglik", fit.heldOutLogDensity());
        }
        if (fit.losses().length > 0) {
            m.put("loss_first", fit.firstLoss());
            m.put("loss_last", fit.lastLoss());
        }
        m.put("train_seconds", fit.seconds());
        m.values().removeIf(v -> !Double.isFinite(v));
        Path scatter = outDir.resolve(base + "-samples.png");
        String title = String.format(Locale.ROOT, "%s on %s, %d steps", family, d, steps);
        if (m.containsKey("modes_covered")) {
            title += String.format(Locale.ROOT, ": %d/8 modes", m.get("modes_covered").intValue());
        }
        ToyPlots.writeScatter(scatter, dist, heldOut, fit.samples(), title, PLOT, PLOT);
        Path density = null;
        if (fit.density() != null) {
            density = outDir.resolve(base + "-density.png");
            String what = fit.density().kind() == ToyModel.Density.EXACT ? "exact p(x)" : "p(x) lower bound";
            ToyPlots.writeDensity(density, fit.density(), family + " " + what, PLOT + DENSITY_LEGEND, PLOT);
        }
        opts.log().accept(String.format(Locale.ROOT, "%-10s %-6s %s", family, d, m));
        return new Entry(family, d, scatter, density, fit.densityNote(), m, fit.seconds(), fit.diverged());
    }

    private static Map<String, Object> summary(List<Entry> entries, int steps, long seed, Options opts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", steps);
        out.put("seed", seed);
        out.put("gan_preset", opts.ganPreset().cliName());
        out.put("held_out_points", HELD_OUT);
        out.put("samples", opts.samples());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("family", e.family());
            r.put("distribution", e.distribution());
            r.put("samples_png", e.scatterPng().getFileName().toString());
            r.put("density_png", e.densityPng() == null ? null : e.densityPng().getFileName().toString());
            r.put("density", e.densityNote());
            r.put("metrics", e.metrics());
            if (e.diverged() != null) {
                r.put("diverged", e.diverged());
            }
            rows.add(r);
        }
        out.put("results", rows);
        return out;
    }
}
