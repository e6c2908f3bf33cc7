package io.github.gen4j.compare;

import io.github.gen4j.family.FamilyRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a comparison trains and measures; saved in {@code results.json} and reused by {@code --resume}.
 *
 * @param families families in display order
 * @param seeds seeds per family (each family trains {@code seeds.get(f)} runs, seeds baseSeed, baseSeed+1, ...)
 * @param budgetSeconds wall-clock training budget per run (training time only); 0 = none
 * @param steps optimizer steps per run; 0 = until the budget runs out
 * @param scale model sizes
 * @param data the {@code --data} value (null = the usual search)
 * @param limit train on the first N images (0 = all)
 * @param batchSize images per training step (every family)
 * @param evalSamples samples drawn per run for the sample metrics
 * @param variantSamples samples per sampler setting when a family is measured with several (diffusion: its
 *     default sampler and full-length DDPM are compared on this many samples each, as DDPM is slow)
 * @param likelihoodImages held-out images for the likelihood bounds
 * @param likelihoodSamples importance samples (VAE IWAE k, flow noise draws) or timesteps per image
 *     (diffusion's variational bound)
 * @param curvePoints sample metrics at this many points during training (checkpoints at equal fractions of
 *     the budget, the last one the end of training); 1 = only at the end
 * @param baseSeed the first seed
 * @param toySteps training steps of each family's 2D toy model (8 Gaussians and two moons) for the toy section;
 *     0 = no toy section
 */
public record CompareSettings(List<String> families, Map<String, Integer> seeds, double budgetSeconds, long steps,
        FamilyRecipe.Scale scale, String data, int limit, int batchSize, int evalSamples, int variantSamples, int likelihoodImages,
        int likelihoodSamples, int curvePoints, long baseSeed, int toySteps) {

    public CompareSettings {
        families = List.copyOf(families);
        seeds = Map.copyOf(seeds);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("--families: name at least one family");
        }
        if (new java.util.HashSet<>(families).size() < families.size()) {
            // a family twice would train the same runs twice and clash in every table and chart
            throw new IllegalArgumentException("--families: each family once, got " + String.join(",", families));
        }
        for (String f : families) {
            Integer n = seeds.get(f);
            if (n == null || n < 1) {
                throw new IllegalArgumentException("--seeds: " + f + " needs at least 1 seed");
            }
        }
        if (budgetSeconds < 0 || steps < 0 || (budgetSeconds == 0 && steps == 0)) {
            throw new IllegalArgumentException("give a --budget or a number of --steps per run");
        }
        if (toySteps < 0) {
            throw new IllegalArgumentException("--toy-steps must be >= 0 (0 = no toy section), got " + toySteps);
        }
        if (evalSamples < 10 || variantSamples < 10 || likelihoodImages < 0 || likelihoodSamples < 1 || curvePoints < 1 || batchSize < 2
                || limit < 0) {
            throw new IllegalArgumentException("--eval-samples and --variant-samples must be >= 10, --curve-points >= 1, --batch-size >= 2,"
                    + " --likelihood-images >= 0, --likelihood-samples >= 1, --limit >= 0");
        }
    }

    /** Seeds of {@code family}, in order. */
    public List<Long> seedsOf(String family) {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < seeds.get(family); i++) {
            s.add(baseSeed + i);
        }
        return s;
    }

    /**
     * Parses {@code --seeds}: a number for every family ("3"), per-family counts ("vae=3,gan=3,diffusion=1"),
     * or both ("1,vae=3,gan=3": 1 for the families not named). Families not named get 1.
     */
    public static Map<String, Integer> parseSeeds(String spec, List<String> families) {
        int all = 1;
        Map<String, Integer> named = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                if (eq < 0) {
                    all = Integer.parseInt(p);
                } else {
                    String f = p.substring(0, eq).trim();
                    if (!families.contains(f)) {
                        throw new IllegalArgumentException("--seeds: '" + f + "' is not among the compared families "
                                + families);
                    }
                    named.put(f, Integer.parseInt(p.substring(eq + 1).trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds: expected N or FAMILY=N[,FAMILY=N...], got '" + spec + "'");
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String f : families) {
            int n = named.getOrDefault(f, all);
            if (n < 1) {
                throw new IllegalArgumentException("--seeds: " + f + " needs at least 1 seed, got " + n);
            }
            out.put(f, n);
        }
        return out;
    }

    /** Total number of runs. */
    public int jobs() {
        return families.stream().mapToInt(seeds::get).sum();
    }
}
