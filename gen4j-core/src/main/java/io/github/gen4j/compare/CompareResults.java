package io.github.gen4j.compare;

import io.github.gen4j.family.FamilyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything a comparison measured: {@code results.json}. Every metric of every run, and per family the
 * mean and spread over the seeds that finished.
 *
 * @param gen4jVersion the library version
 * @param created when the comparison was started
 * @param settings what was trained and measured
 * @param data where the images came from and how many were trained on and held out
 * @param evaluation feature network and reference images of the sample metrics
 * @param runs one result per finished run (ok or failed), in family then seed order
 * @param pending runs not done yet (interrupted), as "family seed N"
 * @param summary per family, per metric: mean, std (sample standard deviation, n - 1) and n over the
 *     seeds that finished
 * @param toy the 2D toy section: {@code metrics.json} of the {@link io.github.gen4j.toy.ToyGallery} run in
 *     {@code toy/} (file names relative to that folder), or {"note": why there is none}
 */
public record CompareResults(String gen4jVersion, String created, CompareSettings settings, Map<String, Object> data,
        Map<String, Object> evaluation, List<JobResult> runs, List<String> pending,
        Map<String, Map<String, Stat>> summary, Map<String, Object> toy) {

    /** Mean, spread and count of one metric over seeds. */
    public record Stat(double mean, double std, int n) {

        static Stat of(List<Double> v) {
            int n = v.size();
            double mean = v.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n);
        }
    }

    /** Mean/std/n per family and metric over the successful runs. */
    static Map<String, Map<String, Stat>> summarize(List<String> families, List<JobResult> runs) {
        Map<String, Map<String, Stat>> out = new LinkedHashMap<>();
        for (String f : families) {
            TreeSet<String> keys = new TreeSet<>();
            runs.stream().filter(r -> r.family().equals(f) && r.ok()).forEach(r -> {
                keys.addAll(r.metrics().keySet());
                if (Double.isFinite(r.bestFid())) {
                    keys.add(JobResult.FID_BEST);
                }
            });
            Map<String, Stat> m = new LinkedHashMap<>();
            for (String k : keys) {
                List<Double> v = new ArrayList<>();
                runs.stream().filter(r -> r.family().equals(f) && r.ok())
                        .forEach(r -> {
                            double x = k.equals(JobResult.FID_BEST) ? r.bestFid() : r.metric(k);
                            if (Double.isFinite(x)) {
                                v.add(x);
                            }
                        });
                if (!v.isEmpty()) {
                    m.put(k, Stat.of(v));
                }
            }
            out.put(f, m);
        }
        return out;
    }

    /** The runs of {@code family}. */
    public List<JobResult> runsOf(String family) {
        return runs.stream().filter(r -> r.family().equals(family)).toList();
    }

    /** Mean of a metric over a family's successful seeds, NaN if not measured. */
    public double mean(String family, String metric) {
        Stat s = stat(family, metric);
        return s == null ? Double.NaN : s.mean();
    }

    public Stat stat(String family, String metric) {
        Map<String, Stat> m = summary.get(family);
        return m == null ? null : m.get(metric);
    }

    /** Families with at least one successful run, in order. */
    public List<String> measuredFamilies() {
        return settings.families().stream().filter(f -> runsOf(f).stream().anyMatch(JobResult::ok)).toList();
    }

    /**
     * The measured model families (vae, gan, diffusion, flow, vaegan) that the claims and decisions compare;
     * recipe variants such as gan-vaeinit are an experiment of their own and left out.
     */
    public List<String> measuredModelFamilies() {
        return measuredFamilies().stream().filter(FamilyRegistry.names()::contains).toList();
    }

    /** Number of runs of {@code family} that failed in training (not while being measured). */
    public long trainingFailures(String family) {
        return runsOf(family).stream().filter(JobResult::failedInTraining).count();
    }

    /** Number of failed runs of {@code family}. */
    public long failures(String family) {
        return runsOf(family).stream().filter(r -> !r.ok()).count();
    }
}
