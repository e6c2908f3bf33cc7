package io.github.gen4j.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Which model for which goal": for each goal, the model family this run's numbers favour, by a stated rule
 * (recipe variants such as gan-vaeinit are not candidates: see their claim in {@link Claims}).
 */
public final class Decisions {

    /** One goal: the family chosen (null if none could be), the numbers behind it, and the rule. */
    public record Decision(String goal, String family, String evidence, String rule) {}

    /** Relative difference of two timings below which they are a tie (machine noise, not the families). */
    static final double TIMING_NOISE = 0.10;

    private Decisions() {}

    public static List<Decision> decide(CompareResults r) {
        List<Decision> d = new ArrayList<>();
        d.add(lowest(r, "Highest realism", "fid", "lowest mean FID against held-out images", 0));
        // timings on a shared 2-core machine move by up to 10% between identical runs (README, parity)
        d.add(lowest(r, "Fastest sampling", "sample_ms_per_image", "lowest sampling ms/image (default sampler)",
                TIMING_NOISE));
        d.add(likelihood(r));
        d.add(lowest(r, "Controllable latent space / interpolation", "interp_path_ratio",
                "lowest latent path ratio: the straightest, smoothest interpolations between random latents", 0));
        d.add(budget(r));
        return d;
    }

    /**
     * The family with the lowest mean of {@code metric}, or every family within the noise of it: "a, b (tied)"
     * when their means differ from the best by at most two standard errors of the difference (from the seeds'
     * spreads; a single seed adds none) or by at most {@code floor} times the best value (for timings, which
     * move with the machine whatever the seeds say).
     */
    private static Decision lowest(CompareResults r, String goal, String metric, String rule, double floor) {
        String best = null;
        List<String> ev = new ArrayList<>();
        for (String f : r.measuredModelFamilies()) {
            double v = r.mean(f, metric);
            if (Double.isFinite(v)) {
                ev.add(f + " " + MetricInfo.format(v));
                if (best == null || v < r.mean(best, metric)) {
                    best = f;
                }
            }
        }
        String tieRule = "; within two standard errors over seeds" + (floor > 0
                ? String.format(Locale.ROOT, " or %.0f%%", 100 * floor) : "") + " of the best = a tie";
        if (best == null) {
            return new Decision(goal, null, "not measured", rule + tieRule);
        }
        String evidence = MetricInfo.of(metric).label() + ": " + String.join(", ", ev);
        List<String> tied = tiedWith(r, best, metric, floor);
        if (tied.size() > 1) {
            return new Decision(goal, String.join(", ", tied) + " (tied)", evidence
                    + "; a tie: the differences are within the seeds' spread" + (floor > 0 ? " or the timing noise" : ""),
                    rule + tieRule);
        }
        return new Decision(goal, best, evidence, rule + tieRule);
    }

    /** The families whose mean is within the noise of {@code best}'s (see {@link #lowest}), best first. */
    private static List<String> tiedWith(CompareResults r, String best, String metric, double floor) {
        CompareResults.Stat b = r.stat(best, metric);
        List<String> tied = new ArrayList<>();
        for (String f : r.measuredModelFamilies()) {
            CompareResults.Stat s = r.stat(f, metric);
            if (s == null || !Double.isFinite(s.mean())) {
                continue;
            }
            double se = Math.sqrt(b.std() * b.std() / b.n() + s.std() * s.std() / s.n());
            if (s.mean() - b.mean() <= Math.max(2 * se, floor * Math.abs(b.mean()))) {
                tied.add(f);
            }
        }
        tied.sort(java.util.Comparator.comparingDouble(f -> r.mean(f, metric)));
        return tied;
    }

    /** Exact likelihood first (flows); among those (or, failing any, among bounds) the lowest bits/dim. */
    private static Decision likelihood(CompareResults r) {
        String rule = "a family with an exact likelihood (lowest bits/dim among them); if none, the lowest bound";
        String best = null;
        boolean bestExact = false;
        List<String> ev = new ArrayList<>();
        for (String f : r.measuredModelFamilies()) {
            double v = r.mean(f, "bits_per_dim");
            if (!Double.isFinite(v)) {
                continue;
            }
            boolean exact = r.runsOf(f).stream().filter(JobResult::ok).allMatch(j -> j.notes() != null
                    && j.notes().getOrDefault("bits_per_dim", "").startsWith("exact"));
            ev.add(f + " " + MetricInfo.format(v) + (exact ? " (exact)" : " (bound)"));
            if (best == null || (exact && !bestExact) || (exact == bestExact && v < r.mean(best, "bits_per_dim"))) {
                best = f;
                bestExact = exact;
            }
        }
        return new Decision("Exact likelihood / anomaly detection", best,
                ev.isEmpty() ? "no compared family has a likelihood" : "bits/dim: " + String.join(", ", ev), rule);
    }

    /**
     * The family that first reaches a FID every family reaches by the end: the threshold is the highest final
     * mean FID; each run's first checkpoint at or below it counts, averaged over seeds.
     */
    private static Decision budget(CompareResults r) {
        String rule = "first to reach the worst family's final FID (checkpoints during training; within a tenth of"
                + " the checkpoint spacing = a tie)";
        if (r.settings().curvePoints() < 2) {
            return new Decision("Smallest training budget", null, "not measured (needs --curve-points >= 2)", rule);
        }
        double threshold = r.measuredModelFamilies().stream().mapToDouble(f -> r.mean(f, "fid")).filter(Double::isFinite)
                .max().orElse(Double.NaN);
        String best = null;
        double bestT = Double.POSITIVE_INFINITY;
        List<String> ev = new ArrayList<>();
        java.util.Map<String, Double> times = new java.util.LinkedHashMap<>();
        for (String f : r.measuredModelFamilies()) {
            double sum = 0;
            int n = 0;
            for (JobResult j : r.runsOf(f)) {
                if (!j.ok() || j.curve() == null) {
                    continue;
                }
                for (JobResult.CurvePoint p : j.curve()) {
                    if (p.metrics().getOrDefault("fid", Double.NaN) <= threshold) {
                        sum += p.seconds();
                        n++;
                        break;
                    }
                }
            }
            if (n > 0) {
                double t = sum / n;
                ev.add(String.format(Locale.ROOT, "%s after %.0f s", f, t));
                times.put(f, t);
                if (t < bestT) {
                    bestT = t;
                    best = f;
                }
            }
        }
        if (ev.size() < 2) {
            return new Decision("Smallest training budget", null, "needs two families with FID curves", rule);
        }
        // checkpoints come every budget / curvePoints: families within a tenth of that of the best are tied
        double tol = 0.1 * (r.settings().budgetSeconds() > 0 ? r.settings().budgetSeconds() / r.settings().curvePoints()
                : 0);
        List<String> tied = new ArrayList<>();
        for (String f : times.keySet()) {
            if (times.get(f) <= bestT + tol) {
                tied.add(f);
            }
        }
        String evidence = "FID <= " + MetricInfo.format(threshold) + " reached: " + String.join(", ", ev);
        if (tied.size() > 1) {
            return new Decision("Smallest training budget", String.join(", ", tied) + " (tied)", evidence
                    + "; a tie: the checkpoints are too coarse to separate them", rule);
        }
        return new Decision("Smallest training budget", best, evidence, rule);
    }
}
