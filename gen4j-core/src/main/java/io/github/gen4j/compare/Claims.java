package io.github.gen4j.compare;

import io.github.gen4j.family.Family;
import io.github.gen4j.family.FamilyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.github.gen4j.family.SamplerVariant;

/**
 * The common claims about the families, each split into parts that this run's numbers can confirm or
 * refute. Every verdict comes from a rule stated next to it (thresholds below); a part whose families or
 * metrics were not measured is "not measured", never guessed.
 */
public final class Claims {

    /** A family trains stably: no run failed, and (with >= 2 seeds) FID's std / mean across seeds <= this. */
    public static final double STABLE_FID_CV = 0.25;
    /** "High quality": mean FID at most this factor times the best family's mean FID. */
    public static final double NEAR_BEST_FID = 1.25;
    /** "Needs many sampling steps": full-length sampling at least this many times slower than the fastest other family. */
    public static final double SLOW_SAMPLING_FACTOR = 10;
    /** "A fast sampler closes the gap": at least this speed-up over full-length sampling ... */
    public static final double FAST_SAMPLER_SPEEDUP = 5;
    /** ... with a FID at most this factor times the full-length sampler's. */
    public static final double FAST_SAMPLER_FID = 1.25;
    /** Mode collapse seen: recall below this fraction of the best family's recall (or classes missing). */
    public static final double COLLAPSE_RECALL = 0.5;
    /** An encoding is exactly invertible when held-out images come back with at least this PSNR (dB). */
    public static final double INVERTIBLE_PSNR = 40;

    /** The sampler that takes every timestep: the full-length reference of the sampling-speed claims. */
    public static final String FULL_LENGTH_SAMPLER = "ddpm";

    /** A run "fell apart" when its final FID is more than this factor times the best FID of its checkpoints. */
    public static final double FELL_APART_FID = 1.5;

    /** One checkable statement. */
    public record Part(String statement, String rule, String evidence, Verdict verdict) {}

    /** A claim and its parts; the claim's verdict combines theirs ({@link Verdict#combine}). */
    public record Claim(String claim, List<Part> parts) {
        public Verdict verdict() {
            return Verdict.combine(parts.stream().map(Part::verdict).toList());
        }
    }

    private final CompareResults r;

    private Claims(CompareResults r) {
        this.r = r;
    }

    /** Every claim, checked against {@code r}. */
    public static List<Claim> check(CompareResults r) {
        Claims c = new Claims(r);
        List<Claim> out = new ArrayList<>(List.of(c.vae(), c.gan(), c.diffusion(), c.flow(), c.latent()));
        if (!r.runsOf(WARM).isEmpty() || !r.runsOf(COLD).isEmpty()) {
            out.add(c.warmStart());
        }
        return out;
    }

    /** The VAE-pretrained GAN of the warm-start claim, and its cold-start control. */
    public static final String WARM = FamilyRecipes.GAN_VAEINIT.name();
    public static final String COLD = FamilyRecipes.GAN_VAEARCH.name();

    /** Ham et al. 2020, checked with the comparison's two variants (only when one of them ran). */
    private Claim warmStart() {
        List<Part> p = new ArrayList<>();
        String fastRule = "at the first checkpoint, the warm start's mean FID is below the cold start's (a failed run"
                + " counts with its checkpoints before the failure)";
        String s = "The warm start reaches good samples sooner";
        double[] warm = firstFid(WARM);
        double[] cold = firstFid(COLD);
        if (warm == null || cold == null) {
            p.add(unmeasured(s, fastRule, "checkpoints of both " + WARM + " and " + COLD));
        } else {
            p.add(new Part(s, fastRule, String.format(Locale.ROOT, "FID at the first checkpoint: %s %s (after %.0f s);"
                    + " %s %s (after %.0f s)", WARM, fidList(WARM, true), warm[1], COLD, fidList(COLD, true), cold[1]),
                    Verdict.of(warm[0] < cold[0])));
        }
        String stableRule = String.format(Locale.ROOT, "a smaller share of the warm start's runs is unstable than of"
                + " the cold start's: failed, rolled back, or fell apart (final FID above %.1fx the best checkpoint's)",
                FELL_APART_FID);
        s = "The warm start trains more stably";
        if (judged(WARM).isEmpty() || judged(COLD).isEmpty()) {
            p.add(unmeasured(s, stableRule, "finished or diverged runs of both " + WARM + " and " + COLD));
        } else {
            p.add(new Part(s, stableRule, instability(WARM) + "; " + instability(COLD),
                    Verdict.of(unstableShare(WARM) < unstableShare(COLD))));
        }
        String endRule = "the warm start's mean final FID is below the cold start's";
        s = "The warm start ends with better samples";
        if (!has(WARM, "fid") || !has(COLD, "fid")) {
            p.add(unmeasured(s, endRule, "finished runs of both " + WARM + " and " + COLD));
        } else {
            p.add(new Part(s, endRule, "final FID: " + WARM + " " + fidList(WARM, false) + "; " + COLD + " "
                    + fidList(COLD, false), Verdict.of(mean(WARM, "fid") < mean(COLD, "fid"))));
        }
        return new Claim("Starting a GAN's generator from a trained VAE decoder (" + WARM + ") makes it train faster"
                + " and more stably than the same generator from random weights (" + COLD + "; Ham et al. 2020)", p);
    }

    /** The mean FID at the first checkpoint of {@code f}'s runs and its mean time, or null. */
    private double[] firstFid(String f) {
        double[] sum = new double[3];
        r.runsOf(f).stream().map(this::firstPoint).filter(java.util.Objects::nonNull).forEach(c -> {
            sum[0] += c.metrics().get("fid");
            sum[1] += c.seconds();
            sum[2]++;
        });
        return sum[2] == 0 ? null : new double[] {sum[0] / sum[2], sum[1] / sum[2]};
    }

    /** The first checkpoint of a run with a finite FID before its end (a failed run: any), or null. */
    private JobResult.CurvePoint firstPoint(JobResult j) {
        List<JobResult.CurvePoint> c = j.curve();
        if (c == null || c.isEmpty() || (j.ok() && c.size() < 2)
                || !Double.isFinite(c.get(0).metrics().getOrDefault("fid", Double.NaN))) {
            return null;
        }
        return c.get(0);
    }

    /** "a, b, c (mean m)" of the runs' FIDs at the first checkpoint or at the end, failed runs marked. */
    private String fidList(String f, boolean first) {
        List<String> v = new ArrayList<>();
        for (JobResult j : r.runsOf(f)) {
            if (first) {
                JobResult.CurvePoint c = firstPoint(j);
                v.add(c == null ? "not measured" : fmt(c.metrics().get("fid")) + (j.ok() ? "" : " (failed later)"));
            } else {
                v.add(j.ok() ? fmt(j.metric("fid")) : "failed");
            }
        }
        double m = first ? firstFidOrNaN(f) : mean(f, "fid");
        return String.join(", ", v) + (Double.isFinite(m) && v.size() > 1 ? " (mean " + fmt(m) + ")" : "");
    }

    private double firstFidOrNaN(String f) {
        double[] v = firstFid(f);
        return v == null ? Double.NaN : v[0];
    }

    /**
     * Whether a run failed in training, rolled back, or fell apart ({@link #FELL_APART_FID}); null if none (a
     * run that failed while being measured is not unstable, only unmeasured).
     */
    private static String unstableKind(JobResult j) {
        if (j.failedInTraining()) {
            return "failed";
        }
        if (!j.ok()) {
            return null;
        }
        if (j.metric("rollbacks") > 0) {
            return "rolled back";
        }
        double best = j.bestFid();
        return j.metric("fid") > FELL_APART_FID * best ? String.format(Locale.ROOT, "fell apart (best %s, final %s)",
                fmt(best), fmt(j.metric("fid"))) : null;
    }

    /** The runs of {@code f} whose stability can be judged: finished, or failed in training. */
    private List<JobResult> judged(String f) {
        return r.runsOf(f).stream().filter(j -> !j.failedInMeasuring()).toList();
    }

    private double unstableShare(String f) {
        List<JobResult> runs = judged(f);
        return runs.stream().filter(j -> unstableKind(j) != null).count() / (double) runs.size();
    }

    private String instability(String f) {
        List<JobResult> runs = judged(f);
        List<String> kinds = new ArrayList<>();
        for (JobResult j : runs) {
            String k = unstableKind(j);
            if (k != null) {
                kinds.add("seed " + j.seed() + " " + k);
            }
        }
        return f + ": " + kinds.size() + " of " + runs.size() + " runs unstable" + (kinds.isEmpty() ? ""
                : " (" + String.join(", ", kinds) + ")");
    }

    private Claim vae() {
        List<Part> p = new ArrayList<>();
        p.add(stable("vae"));
        p.add(fastTraining("vae"));
        p.add(compare("VAE samples are blurrier than GAN samples", "sharpness_ratio", "vae", "gan", true,
                "VAE's sharpness ratio (Laplacian variance of samples / held-out images) below GAN's"));
        p.add(compare("VAE samples are less realistic than GAN samples", "fid", "vae", "gan", false,
                "VAE's mean FID above GAN's"));
        return new Claim("VAEs train stably and fast, but their samples are blurrier and less realistic than GANs'", p);
    }

    private Claim gan() {
        List<Part> p = new ArrayList<>();
        List<String> others = others("gan", "fid");
        if (!has("gan", "fid") || others.isEmpty()) {
            p.add(unmeasured("GAN samples are the most realistic", "GAN's mean FID is the lowest of all families",
                    "gan"));
        } else {
            String best = lowest("fid", families());
            p.add(new Part("GAN samples are the most realistic", "GAN's mean FID is the lowest of all families",
                    "FID: " + list("fid", families()), Verdict.of("gan".equals(best))));
        }
        p.add(unstable("gan"));
        p.add(collapse("gan"));
        p.add(toyModes("gan"));
        return new Claim("GAN samples are the most realistic, but training is unstable and can collapse to few modes",
                p);
    }

    private Claim diffusion() {
        List<Part> p = new ArrayList<>();
        p.add(stable("diffusion"));
        if (!has("diffusion", "fid") || others("diffusion", "fid").isEmpty()) {
            p.add(unmeasured("Diffusion gives high-quality samples", nearBestRule(), "diffusion and another family"));
        } else {
            double best = families().stream().mapToDouble(f -> mean(f, "fid")).filter(Double::isFinite).min()
                    .orElse(Double.NaN);
            p.add(new Part("Diffusion gives high-quality samples", nearBestRule(), "FID: " + list("fid",
                    families()), Verdict.of(mean("diffusion", "fid") <= NEAR_BEST_FID * best)));
        }
        String ddpm = variant("diffusion", FULL_LENGTH_SAMPLER);
        double full = ddpm != null ? variantMean("diffusion", ddpm, "sample_ms_per_image") : Double.NaN;
        String slowRule = String.format(Locale.ROOT, "full-length (DDPM, every timestep) sampling at least %.0fx"
                + " slower per image than the fastest other family", SLOW_SAMPLING_FACTOR);
        List<String> o = others("diffusion", "sample_ms_per_image");
        if (!Double.isFinite(full) || o.isEmpty()) {
            p.add(unmeasured("Diffusion needs many sampling steps", slowRule, "diffusion with DDPM and another family"));
        } else {
            String fastest = lowest("sample_ms_per_image", o);
            double f = mean(fastest, "sample_ms_per_image");
            p.add(new Part("Diffusion needs many sampling steps", slowRule, String.format(Locale.ROOT,
                    "%s: %s ms/image; fastest other family %s: %s ms/image (%.0fx)", ddpm, fmt(full), fastest, fmt(f),
                    full / f), Verdict.of(full >= SLOW_SAMPLING_FACTOR * f)));
        }
        String gapRule = String.format(Locale.ROOT, "the default fast sampler is at least %.0fx faster than DDPM with"
                + " a FID at most %.2fx DDPM's", FAST_SAMPLER_SPEEDUP, FAST_SAMPLER_FID);
        double fastMs = mean("diffusion", "sample_ms_per_image");
        double fastFid = variantMean("diffusion", SamplerVariant.DEFAULT_NAME, "fid"); // same sample count as DDPM
        double fullFid = ddpm != null ? variantMean("diffusion", ddpm, "fid") : Double.NaN;
        if (!Double.isFinite(full) || !Double.isFinite(fastMs) || !Double.isFinite(fullFid)) {
            p.add(unmeasured("Fast samplers close the gap", gapRule, "diffusion with DDPM"));
        } else {
            String rest = o.isEmpty() ? "" : String.format(Locale.ROOT, "; still %.1fx the fastest other family",
                    fastMs / mean(lowest("sample_ms_per_image", o), "sample_ms_per_image"));
            p.add(new Part("Fast samplers close the gap", gapRule, String.format(Locale.ROOT,
                    "default sampler %s ms/image, FID %s; %s %s ms/image, FID %s: %.0fx faster%s", fmt(fastMs),
                    fmt(fastFid), ddpm, fmt(full), fmt(fullFid), full / fastMs, rest),
                    Verdict.of(full / fastMs >= FAST_SAMPLER_SPEEDUP && fastFid <= FAST_SAMPLER_FID * fullFid)));
        }
        return new Claim("Diffusion trains stably and gives high quality, but needs many sampling steps (and fast"
                + " samplers close much of that gap)", p);
    }

    private Claim flow() {
        List<Part> p = new ArrayList<>();
        String exactRule = String.format(Locale.ROOT, "an exact bits/dim was measured and held-out images come back"
                + " from their latent with PSNR >= %.0f dB", INVERTIBLE_PSNR);
        if (!has("flow", "bits_per_dim")) {
            p.add(unmeasured("Flows give exact likelihoods and invertible encodings", exactRule, "flow"));
        } else {
            boolean exact = r.runsOf("flow").stream().filter(JobResult::ok).allMatch(j -> j.notes() != null
                    && j.notes().getOrDefault("bits_per_dim", "").startsWith("exact"));
            double psnr = mean("flow", "recon_psnr");
            p.add(new Part("Flows give exact likelihoods and invertible encodings", exactRule, String.format(
                    Locale.ROOT, "bits/dim %s (%s); reconstruction PSNR %s dB", fmt(mean("flow", "bits_per_dim")),
                    exact ? "exact" : "a bound", fmt(psnr)), Verdict.of(exact && psnr >= INVERTIBLE_PSNR)));
        }
        p.add(aboveOthers("Flows cost more parameters", "parameters", "flow's parameter count above the median of"
                + " the other families'"));
        p.add(aboveOthers("Flows give weaker samples", "fid", "flow's mean FID above the median of the other"
                + " families'"));
        return new Claim("Flows give exact likelihoods and invertible encodings, but cost more parameters and give"
                + " weaker samples", p);
    }

    private Claim latent() {
        List<Part> p = new ArrayList<>();
        p.add(lowestOf("VAE interpolations are the smoothest", "interp_path_ratio", "vae",
                "VAE's mean latent path ratio (feature path length / endpoint distance) is the lowest of all families"));
        p.add(lowestOf("VAE interpolations move most evenly", "interp_step_cv", "vae",
                "VAE's mean step CV (spread of the feature steps between frames) is the lowest of all families"));
        return new Claim("The VAE latent space is the most controllable (smooth interpolation)", p);
    }

    /** "{@code f} has the lowest mean {@code metric} of all measured families". */
    private Part lowestOf(String s, String metric, String f, String rule) {
        List<String> o = others(f, metric);
        if (!has(f, metric) || o.isEmpty()) {
            return unmeasured(s, rule, f + " and another family with latent-space measurements");
        }
        List<String> all = new ArrayList<>(o);
        all.add(0, f);
        return new Part(s, rule, MetricInfo.of(metric).label() + ": " + list(metric, all),
                Verdict.of(f.equals(lowest(metric, all))));
    }

    // ---- parts shared by several claims ----

    private Part stable(String f) {
        String rule = String.format(Locale.ROOT, "no run diverged (failed, or rolled back after non-finite values),"
                + " and with >= 2 seeds the FID's std / mean across seeds <= %.2f", STABLE_FID_CV);
        String s = label(f) + " trains stably";
        if (r.runsOf(f).isEmpty()) {
            return unmeasured(s, rule, f);
        }
        long failed = r.trainingFailures(f);
        CompareResults.Stat st = r.stat(f, "fid");
        long rolledBack = r.runsOf(f).stream().filter(JobResult::ok).filter(j -> j.metric("rollbacks") > 0).count();
        String ev = failed + " of " + r.runsOf(f).size() + " runs failed" + (rolledBack > 0 ? ", " + rolledBack
                + " rolled back after non-finite values" : "");
        boolean spreadOk = true;
        if (st != null && st.n() >= 2) {
            double cv = st.std() / st.mean();
            ev += String.format(Locale.ROOT, "; FID %s ± %s over %d seeds (std/mean %.2f)", fmt(st.mean()),
                    fmt(st.std()), st.n(), cv);
            spreadOk = cv <= STABLE_FID_CV;
        } else {
            ev += "; one seed: spread across seeds not measured";
        }
        return new Part(s, rule, ev, Verdict.of(failed == 0 && rolledBack == 0 && spreadOk));
    }

    private Part unstable(String f) {
        String rule = String.format(Locale.ROOT, "a run diverged (failed, or rolled back after non-finite values), or"
                + " with >= 2 seeds the FID's std / mean across seeds > %.2f", STABLE_FID_CV);
        Part st = stable(f);
        String s = label(f) + " training is unstable";
        if (st.verdict() == Verdict.NOT_MEASURED) {
            return unmeasured(s, rule, f);
        }
        CompareResults.Stat fid = r.stat(f, "fid");
        if (st.verdict() == Verdict.HOLDS && r.trainingFailures(f) == 0 && (fid == null || fid.n() < 2)) {
            return new Part(s, rule, st.evidence() + " (with one seed, instability shows only as a failure)",
                    Verdict.NOT_MEASURED);
        }
        return new Part(s, rule, st.evidence(), st.verdict() == Verdict.HOLDS ? Verdict.DOES_NOT_HOLD : Verdict.HOLDS);
    }

    private Part collapse(String f) {
        String rule = String.format(Locale.ROOT, "a run's samples cover fewer classes than the data has, or the mean"
                + " recall is below %.1fx the best family's", COLLAPSE_RECALL);
        String s = label(f) + " can collapse to few modes";
        if (!has(f, "recall")) {
            return unmeasured(s, rule, f);
        }
        int classes = r.evaluation().get("classes") instanceof Number n ? n.intValue() : 0;
        long missing = classes == 0 ? 0 : r.runsOf(f).stream().filter(JobResult::ok)
                .filter(j -> j.metric("classes_covered") < classes).count();
        double bestRecall = families().stream().mapToDouble(x -> mean(x, "recall")).filter(Double::isFinite)
                .max().orElse(Double.NaN);
        double recall = mean(f, "recall");
        String ev = String.format(Locale.ROOT, "recall %s (best family %s)", fmt(recall), fmt(bestRecall))
                + (classes > 0 ? "; runs covering fewer than " + classes + " classes: " + missing : "");
        return new Part(s, rule, ev, Verdict.of(missing > 0 || recall < COLLAPSE_RECALL * bestRecall));
    }

    /** The 2D toy: does {@code f}'s toy model cover fewer ring modes than the best other family's? */
    private Part toyModes(String f) {
        String s = label(f) + " drops modes on the 2D ring of 8 Gaussians";
        String rule = "the family's toy model covers fewer ring modes than the best other family's toy model";
        Map<String, Double> covered = new LinkedHashMap<>();
        double modes = Double.NaN;
        if (r.toy() != null && r.toy().get("results") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> e && e.get("distribution") != null
                        && e.get("distribution").toString().startsWith("ring")
                        && e.get("metrics") instanceof Map<?, ?> m && m.get("modes_covered") instanceof Number n) {
                    covered.put(String.valueOf(e.get("family")), n.doubleValue());
                    modes = m.get("modes") instanceof Number k ? k.doubleValue() : modes;
                }
            }
        }
        if (!covered.containsKey(f) || covered.size() < 2) {
            return unmeasured(s, rule, "the 2D toy section with " + f + " and another family");
        }
        double best = covered.entrySet().stream().filter(e -> !e.getKey().equals(f)).mapToDouble(Map.Entry::getValue)
                .max().orElse(Double.NaN);
        List<String> ev = new ArrayList<>();
        double k = modes;
        covered.forEach((fam, c) -> ev.add(fam + " " + fmt(c) + (Double.isFinite(k) ? "/" + fmt(k) : "")));
        return new Part(s, rule, "modes covered after " + r.toy().get("steps") + " steps: " + String.join(", ", ev),
                Verdict.of(covered.get(f) < best));
    }

    private Part fastTraining(String f) {
        String rule = "training images/s at or above the median of all compared families";
        String s = label(f) + " trains fast";
        List<String> all = families().stream().filter(x -> Double.isFinite(mean(x, "train_images_per_s")))
                .toList();
        if (!all.contains(f) || all.size() < 2) {
            return unmeasured(s, rule, f + " and another family");
        }
        double med = median(all.stream().mapToDouble(x -> mean(x, "train_images_per_s")).toArray());
        return new Part(s, rule, "training images/s: " + list("train_images_per_s", all) + " (median " + fmt(med) + ")",
                Verdict.of(mean(f, "train_images_per_s") >= med));
    }

    /** "a is blurrier/worse than b": with {@code aLower}, holds if a's mean is below b's, else above. */
    private Part compare(String s, String metric, String a, String b, boolean aLower, String rule) {
        if (!has(a, metric) || !has(b, metric)) {
            return unmeasured(s, rule, a + " and " + b);
        }
        double va = mean(a, metric);
        double vb = mean(b, metric);
        return new Part(s, rule, MetricInfo.of(metric).label() + ": " + a + " " + fmt(va) + ", " + b + " " + fmt(vb),
                Verdict.of(aLower ? va < vb : va > vb));
    }

    private Part aboveOthers(String s, String metric, String rule) {
        List<String> o = others("flow", metric);
        if (!has("flow", metric) || o.isEmpty()) {
            return unmeasured(s, rule, "flow and another family");
        }
        double med = median(o.stream().mapToDouble(x -> mean(x, metric)).toArray());
        List<String> all = new ArrayList<>(o);
        all.add(0, "flow");
        return new Part(s, rule, MetricInfo.of(metric).label() + ": " + list(metric, all) + " (median of the others "
                + fmt(med) + ")", Verdict.of(mean("flow", metric) > med));
    }

    // ---- helpers ----

    private static Part unmeasured(String s, String rule, String needs) {
        return new Part(s, rule, "not measured in this run (needs " + needs + ")", Verdict.NOT_MEASURED);
    }

    private static String nearBestRule() {
        return String.format(Locale.ROOT, "mean FID at most %.2fx the best family's", NEAR_BEST_FID);
    }

    /** The measured model families the folk claims are about (the variants have a claim of their own). */
    private List<String> families() {
        return r.measuredModelFamilies();
    }

    private boolean has(String f, String metric) {
        return Double.isFinite(mean(f, metric));
    }

    private double mean(String f, String metric) {
        return r.mean(f, metric);
    }

    private List<String> others(String f, String metric) {
        return families().stream().filter(x -> !x.equals(f) && has(x, metric)).toList();
    }

    private String lowest(String metric, List<String> fams) {
        return fams.stream().filter(x -> has(x, metric))
                .min((a, b) -> Double.compare(mean(a, metric), mean(b, metric))).orElse(null);
    }

    private String list(String metric, List<String> fams) {
        List<String> parts = new ArrayList<>();
        fams.stream().filter(x -> has(x, metric)).forEach(x -> parts.add(x + " " + fmt(mean(x, metric))));
        return String.join(", ", parts);
    }

    /** The name of {@code f}'s variant that samples with {@code sampler}, or null. */
    private String variant(String f, String sampler) {
        return r.runsOf(f).stream().filter(JobResult::ok).filter(j -> j.variants() != null)
                .flatMap(j -> j.variants().keySet().stream()).map(SamplerVariant::parse).flatMap(Optional::stream)
                .filter(v -> v.sampler().equals(sampler)).map(SamplerVariant::name).findFirst().orElse(null);
    }

    double variantMean(String f, String variant, String metric) {
        return r.runsOf(f).stream().filter(JobResult::ok).filter(j -> j.variants() != null && j.variants().containsKey(variant))
                .mapToDouble(j -> j.variants().get(variant).getOrDefault(metric, Double.NaN))
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** {@code f}'s display name from its registration; a recipe that is not a family keeps its own name. */
    private static String label(String f) {
        return FamilyRegistry.find(f).map(Family::displayName).orElse(f);
    }

    private static String fmt(double v) {
        return MetricInfo.format(v);
    }
}
