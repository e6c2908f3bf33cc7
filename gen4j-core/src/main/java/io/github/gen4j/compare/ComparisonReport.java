package io.github.gen4j.compare;

import io.github.gen4j.Gen4j;
import io.github.gen4j.compare.report.Report;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.toy.RingOfGaussians;
import io.github.gen4j.toy.ToyGallery;
import io.github.gen4j.toy.TwoMoons;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report step of a comparison, run once its jobs are done: measures what no job measures (the 2D toy
 * section, which compares the families with each other, and the failed-run curves and latent spaces that
 * results of an earlier gen4j version lack), then assembles {@code results.json} from the jobs' result files
 * and writes the report from it.
 */
final class ComparisonReport {

    private final CompareContext ctx;
    private final ComparisonFolder folder;
    private final CompareSettings settings;
    private final Measurer measurer;

    ComparisonReport(CompareContext ctx, Measurer measurer) {
        this.ctx = ctx;
        this.folder = ctx.folder();
        this.settings = ctx.settings();
        this.measurer = measurer;
    }

    /**
     * Writes results.json, report.html and summary.md from the done jobs; {@code pending} lists the jobs not
     * done (only the one-command comparison stopped by Ctrl-C reports with some: its report says so).
     */
    CompareResults write(List<Job> pending) throws IOException {
        List<JobResult> done = new ArrayList<>();
        for (Job job : folder.plan().jobs()) {
            if (pending.contains(job)) {
                continue;
            }
            JobResult r = folder.result(job);
            if (r == null) {
                throw new IllegalStateException(job.label() + " has no result in " + folder.runFolder(job));
            }
            if (!ctx.stopped()) {
                r = completed(job, r);
            }
            done.add(r);
        }
        Map<String, Object> toy = ctx.stopped() ? folder.toy() : toySection();
        Map<String, Object> dataInfo = new LinkedHashMap<>();
        dataInfo.put("note", ctx.data().note());
        dataInfo.put("spec", ctx.data().spec());
        dataInfo.put("train", ctx.data().train().toString());
        dataInfo.put("trainImages", ctx.data().train().size());
        dataInfo.put("heldOut", ctx.data().heldOut().toString());
        dataInfo.put("heldOutImages", ctx.data().heldOut().size());
        dataInfo.put("shape", ctx.data().train().shapeString());
        CompareResults results = new CompareResults(Gen4j.VERSION, folder.plan().created(), settings, dataInfo,
                folder.evaluation(), done, pending.stream().map(Job::label).toList(),
                CompareResults.summarize(settings.families(), done), toy);
        folder.writeResults(results);
        new Report(Report.defaultSections()).write(folder.dir(), results);
        return results;
    }

    /**
     * {@code r} with what a result of an earlier version lacks: a failed run's checkpoint curve, a finished
     * run's latent space (written back to the job's result file).
     */
    private JobResult completed(Job job, JobResult r) {
        JobResult updated = r;
        if (r.failedInTraining() && !r.curveAttempted()) {
            updated = measurer.beforeFailure(job, ctx.recipes().get(job.family()), r);
        } else if (r.ok() && !r.latentMeasured()) {
            updated = measurer.withLatent(job, r);
        }
        if (updated != r && !ctx.stopped()) {
            folder.writeResult(updated);
        }
        return updated;
    }

    /**
     * Trains the 2D toy models of the compared families that have one ({@link FamilyRegistry#toyNames}) on 8
     * Gaussians and two moons, unless {@code toy/metrics.json} already holds them with the same steps; returns
     * the section's metrics or a note why there is none.
     */
    private Map<String, Object> toySection() {
        List<String> fams = settings.families().stream().filter(FamilyRegistry.toyNames()::contains).toList();
        if (settings.toySteps() == 0 || fams.isEmpty()) {
            return Map.of("note", settings.toySteps() == 0 ? "no toy section (--toy-steps 0)"
                    : "no compared family has a 2D toy model (" + String.join(", ", FamilyRegistry.toyNames()) + ")");
        }
        Map<String, Object> prev = folder.toy();
        if (prev.get("steps") instanceof Number n && n.intValue() == settings.toySteps()
                && prev.get("results") instanceof List<?> l && l.size() == 2 * fams.size()) {
            return prev;
        }
        String what = "2D toys (" + String.join(", ", fams) + "; " + settings.toySteps() + " steps each)";
        ctx.listener().onProgress(1, what);
        long t0 = System.nanoTime();
        try {
            ToyGallery.run(FamilyRegistry.toys(fams), List.of(RingOfGaussians.eight(), TwoMoons.standard()), settings.toySteps(),
                    settings.baseSeed(), folder.toyDir(), new ToyGallery.Options(GanPreset.STABILIZED, 1000, 64,
                            ctx.device(), line -> { })); // per-step losses would flood the one progress display
            ctx.listener().onMessage(String.format(Locale.ROOT, "%s done in %.0f s", what, (System.nanoTime() - t0) / 1e9));
            return folder.toy();
        } catch (RuntimeException | IOException e) {
            ctx.listener().onMessage("2D toy section failed: " + e.getMessage());
            return Map.of("note", "the 2D toy section failed: " + e.getMessage());
        }
    }
}
