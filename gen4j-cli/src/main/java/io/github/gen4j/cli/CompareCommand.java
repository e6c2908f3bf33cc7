package io.github.gen4j.cli;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.FamilyRecipes;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.family.FamilyRecipe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code gen4j compare}: every family under the same budget, measured on held-out images, one report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several model families under the same budget, evaluate them all on held-out images",
            "and write compare-<time>/ with report.html, results.json and summary.md.",
            "With no options (or only --out and --device): a short demonstration (tiny models, 20 s per family,",
            "the embedded data)."})
public final class CompareCommand implements Callable<Integer> {

    /** The no-argument demonstration. */
    static final String[] DEMO = {"--models", "tiny", "--budget", "20s", "--data", "embedded", "--limit", "3000",
        "--eval-samples", "300", "--variant-samples", "100", "--likelihood-images", "200", "--curve-points", "2",
        "--toy-steps", "300"};

    @Option(names = "--families", split = ",", description = "Families to compare (default: vae,gan,diffusion,flow,"
            + "vaegan). Also gan-vaeinit (generator started as the VAE run's decoder) and gan-vaearch (its cold-start "
            + "control), listed after vae.")
    List<String> families;

    @Option(names = "--budget", converter = Durations.class,
            description = "Training time per family and seed, e.g. 90s, 10m (default: 5m unless --steps is given).")
    Double budget;

    @Option(names = "--steps", description = "Optimizer steps per family and seed (with --budget: whichever ends first).")
    Long steps;

    @Option(names = "--seeds", defaultValue = "1",
            description = "Seeds per family: N for all, or e.g. vae=3,gan=3,diffusion=1,flow=1, or 1,vae=3 "
                    + "(default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--models", defaultValue = "default",
            description = "default (what 'gen4j train FAMILY' trains) or tiny (seconds per run). Default: ${DEFAULT-VALUE}.")
    String models;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Images (as for 'gen4j train'); default: $GEN4J_DATA, the Debian package, the embedded split.")
    String data;

    @Option(names = "--limit", defaultValue = "0", description = "Train on the first N images only (0 = all).")
    int limit;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--eval-samples", defaultValue = "1000", description = "Samples per run for the metrics (default: ${DEFAULT-VALUE}).")
    int evalSamples;

    @Option(names = "--variant-samples", defaultValue = "200",
            description = "Samples per sampler when comparing a diffusion model's samplers (DDPM is slow; default: ${DEFAULT-VALUE}).")
    int variantSamples;

    @Option(names = "--likelihood-images", defaultValue = "1000", description = "Held-out images for bits/dim (default: ${DEFAULT-VALUE}).")
    int likelihoodImages;

    @Option(names = "--likelihood-samples", defaultValue = "10",
            description = "Importance samples (VAE, flow) or timesteps (diffusion) per image for bits/dim (default: ${DEFAULT-VALUE}).")
    int likelihoodSamples;

    @Option(names = "--curve-points", defaultValue = "3",
            description = "Measure the sample metrics at this many points of training (default: ${DEFAULT-VALUE}).")
    int curvePoints;

    @Option(names = "--toy-steps", defaultValue = "2000",
            description = "Training steps of each family's 2D toy model for the report's toy section; 0 = none "
                    + "(default: ${DEFAULT-VALUE}). With --resume it may be changed: the toys are trained again.")
    int toySteps;

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
        if (isDemo(spec.commandLine().getParseResult())) {
            demo();
            pw.println("demonstration: gen4j compare " + String.join(" ", DEMO));
        }
        FamilyRecipes recipes = FamilyRecipes.standard();
        CompareSettings settings;
        try {
            settings = resume != null ? resumed(recipes) : fresh(recipes);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = resume != null ? resume : Comparison.freshName(out);
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
        summary(r, pw);
        pw.println("report:  " + dir.resolve("report.html"));
        pw.println("results: " + dir.resolve("results.json") + "   summary: " + dir.resolve("summary.md"));
        long failed = r.runs().stream().filter(j -> !j.ok()).count();
        if (!r.pending().isEmpty()) {
            pw.println(r.pending().size() + " run(s) not done: continue with gen4j compare --resume " + dir);
        }
        if (failed > 0) {
            pw.println(failed + " run(s) failed (see the report); the others completed");
        }
        if (signals.exitCode() != 0) {
            return signals.exitCode();
        }
        return failed > 0 || !r.pending().isEmpty() ? 1 : 0;
    }

    /** Options that say where and on what to run, not what to compare: alone, they still give the demonstration. */
    static final java.util.Set<String> PLACE_OPTIONS = java.util.Set.of("--out", "--device");

    /** No option, or only {@link #PLACE_OPTIONS}: the demonstration. */
    static boolean isDemo(CommandLine.ParseResult parsed) {
        return parsed.matchedArgs().stream().allMatch(a -> a instanceof CommandLine.Model.OptionSpec o
                && PLACE_OPTIONS.contains(o.longestName()));
    }

    /** The settings of {@link #DEMO}. */
    void demo() {
        models = "tiny";
        budget = 20.0;
        data = "embedded";
        limit = 3000;
        evalSamples = 300;
        variantSamples = 100;
        likelihoodImages = 200;
        curvePoints = 2;
        toySteps = 300;
    }

    private CompareSettings fresh(FamilyRecipes recipes) {
        List<String> fams = families != null ? lower(families) : recipes.names();
        fams.forEach(recipes::get);
        double b = budget != null ? budget : (steps != null ? 0 : 300);
        return new CompareSettings(fams, CompareSettings.parseSeeds(seeds, fams), b, steps == null ? 0 : steps,
                FamilyRecipe.Scale.parse(models), data, limit, batchSize, evalSamples, variantSamples, likelihoodImages,
                likelihoodSamples, curvePoints, common.seed, toySteps);
    }

    /**
     * The saved settings; --families and --seeds may add runs, --toy-steps may change the toy section (the
     * budget and sizes stay, for comparability).
     */
    private CompareSettings resumed(FamilyRecipes recipes) {
        CompareSettings s = Comparison.readSettings(resume);
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        List<String> fams = families != null ? lower(families) : s.families();
        fams.forEach(recipes::get);
        Map<String, Integer> sd = pr.hasMatchedOption("--seeds") || families != null
                ? CompareSettings.parseSeeds(pr.hasMatchedOption("--seeds") ? seeds : "1", fams) : s.seeds();
        return new CompareSettings(fams, sd, s.budgetSeconds(), s.steps(), s.scale(), s.data(), s.limit(), s.batchSize(),
                s.evalSamples(), s.variantSamples(), s.likelihoodImages(), s.likelihoodSamples(), s.curvePoints(),
                s.baseSeed(), pr.hasMatchedOption("--toy-steps") ? toySteps : s.toySteps());
    }

    private static List<String> lower(List<String> l) {
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(x.trim().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static void summary(CompareResults r, PrintWriter pw) {
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
    }
}
