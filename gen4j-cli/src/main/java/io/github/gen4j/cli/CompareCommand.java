package io.github.gen4j.cli;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.FamilyRecipes;
import io.github.gen4j.compare.JobResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j compare}: every family under the same budget, measured on held-out images, one report; in one
 * command, or as independent jobs ({@code plan}, {@code run-job}, {@code report}) that a cluster's scheduler
 * can run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several model families under the same budget, evaluate them all on held-out images",
            "and write compare-<time>/ with report.html, results.json and summary.md.",
            "With no options (or only --out and --device): a short demonstration (tiny models, 20 s per family,",
            "the embedded data).",
            "The same comparison as independent jobs (one per family and seed) that any number of processes, on",
            "this machine or on a cluster sharing DIR, can run: compare plan DIR, then compare run-job DIR --job K",
            "(or --next) once per job, then compare report DIR."},
        subcommands = {ComparePlanCommand.class, CompareRunJobCommand.class, CompareReportCommand.class})
public final class CompareCommand implements Callable<Integer> {

    @Mixin CompareOptions what;

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives compare-<time>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue this comparison: finished runs are kept, a "
            + "half-trained run continues from its checkpoint, a run that failed while being measured is measured "
            + "again; --families/--seeds may add runs.")
    Path resume;

    @Option(names = "--retry-failed", description = "With --resume: train runs that failed in training again, from scratch (default: keep "
            + "the failure).")
    boolean retryFailed;

    @Mixin CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (CompareOptions.isDemo(spec.commandLine().getParseResult())) {
            what.demo();
            pw.println("demonstration: gen4j compare " + String.join(" ", CompareOptions.DEMO));
        }
        FamilyRecipes recipes = FamilyRecipes.standard();
        CompareSettings settings;
        try {
            settings = resume != null ? resumed(recipes) : what.settings(recipes, common.seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = resume != null ? resume : ComparisonFolder.freshName(out);
        pw.println("comparison folder: " + dir);
        CompareBar bar = new CompareBar(settings.jobs(), pw);
        Comparison cmp = new Comparison(settings, recipes, common.device(), bar).retryFailed(retryFailed);
        StopSignals signals = StopSignals.install(cmp::requestStop);
        CompareResults r;
        try {
            r = cmp.run(dir);
        } finally {
            signals.restore();
            bar.close();
        }
        int failed = printReport(r, dir, pw);
        if (!r.pending().isEmpty()) {
            pw.println(r.pending().size() + " run(s) not done: continue with gen4j compare --resume " + dir);
        }
        if (signals.exitCode() != 0) {
            return signals.exitCode(); // stopped by Ctrl-C or SIGTERM: --resume continues
        }
        return failed > 0 || !r.pending().isEmpty() ? 1 : 0;
    }

    /**
     * The saved settings; --families and --seeds may add runs, --toy-steps may change the toy section (the
     * budget and sizes stay, for comparability).
     */
    private CompareSettings resumed(FamilyRecipes recipes) {
        CompareSettings s = ComparisonFolder.savedSettings(resume, "--resume");
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        List<String> fams = what.families != null ? CompareOptions.lower(what.families) : s.families();
        fams.forEach(recipes::get);
        Map<String, Integer> sd = pr.hasMatchedOption("--seeds") || what.families != null
                ? CompareSettings.parseSeeds(pr.hasMatchedOption("--seeds") ? what.seeds : "1", fams) : s.seeds();
        return new CompareSettings(fams, sd, s.budgetSeconds(), s.steps(), s.scale(), s.data(), s.limit(), s.batchSize(),
                s.evalSamples(), s.variantSamples(), s.likelihoodImages(), s.likelihoodSamples(), s.curvePoints(),
                s.baseSeed(), pr.hasMatchedOption("--toy-steps") ? what.toySteps : s.toySteps());
    }

    /** Prints the summary table, the failures and where the report is; returns the number of failed runs. */
    static int printReport(CompareResults r, Path dir, PrintWriter pw) {
        List<String> cols = Arrays.asList("fid", "precision", "recall", "bits_per_dim", "sample_ms_per_image",
                "train_images_per_s");
        pw.printf("%-12s", "family");
        cols.forEach(c -> pw.printf(" %20s", c));
        pw.println();
        for (String f : r.settings().families()) {
            pw.printf("%-12s", f);
            for (String c : cols) {
                CompareResults.Stat s = r.stat(f, c);
                pw.printf(" %20s", s == null ? (r.failures(f) > 0 ? "failed" : "-")
                        : s.n() > 1 ? String.format(Locale.ROOT, "%.4g±%.2g", s.mean(), s.std())
                        : String.format(Locale.ROOT, "%.4g", s.mean()));
            }
            pw.println();
        }
        for (JobResult j : r.runs()) {
            if (!j.ok()) {
                pw.println(j.family() + " seed " + j.seed() + " failed: " + j.message());
            }
        }
        pw.println("report:  " + dir.resolve("report.html"));
        pw.println("results: " + dir.resolve(ComparisonFolder.RESULTS_FILE) + "   summary: " + dir.resolve("summary.md"));
        int failed = (int) r.runs().stream().filter(j -> !j.ok()).count();
        if (failed > 0) {
            pw.println(failed + " run(s) failed (see the report); the others completed");
        }
        return failed;
    }
}
