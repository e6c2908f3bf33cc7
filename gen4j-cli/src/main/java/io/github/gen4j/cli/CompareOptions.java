package io.github.gen4j.cli;

import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.FamilyRecipes;
import io.github.gen4j.family.FamilyRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a comparison trains and measures: the options of {@code gen4j compare} and {@code gen4j compare plan}.
 * Given none of them, both take the short demonstration ({@link #DEMO}).
 */
final class CompareOptions {

    /** The no-argument demonstration. */
    static final String[] DEMO = {"--models", "tiny", "--budget", "20s", "--data", "embedded", "--limit", "3000",
        "--eval-samples", "300", "--variant-samples", "100", "--likelihood-images", "200", "--curve-points", "2",
        "--toy-steps", "300"};

    /** Options that say where and on what to run, not what to compare: alone, they still give the demonstration. */
    static final Set<String> PLACE_OPTIONS = Set.of("--out", "--device");

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

    /** No option, or only {@link #PLACE_OPTIONS} (and positional arguments such as DIR): the demonstration. */
    static boolean isDemo(CommandLine.ParseResult parsed) {
        return parsed.matchedArgs().stream().allMatch(a -> a instanceof CommandLine.Model.PositionalParamSpec
                || a instanceof CommandLine.Model.OptionSpec o && PLACE_OPTIONS.contains(o.longestName()));
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

    /** The settings these options give, the first seed {@code baseSeed}. */
    CompareSettings settings(FamilyRecipes recipes, long baseSeed) {
        List<String> fams = families != null ? lower(families) : recipes.names();
        fams.forEach(recipes::get);
        double b = budget != null ? budget : (steps != null ? 0 : 300);
        return new CompareSettings(fams, CompareSettings.parseSeeds(seeds, fams), b, steps == null ? 0 : steps,
                FamilyRecipe.Scale.parse(models), data, limit, batchSize, evalSamples, variantSamples, likelihoodImages,
                likelihoodSamples, curvePoints, baseSeed, toySteps);
    }

    static List<String> lower(List<String> l) {
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(x.trim().toLowerCase(Locale.ROOT)));
        return out;
    }
}
