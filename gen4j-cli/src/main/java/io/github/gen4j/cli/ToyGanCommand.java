package io.github.gen4j.cli;

import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GanRecipe;
import io.github.gen4j.io.Json;
import io.github.gen4j.toy.RingOfGaussians;
import io.github.gen4j.toy.ToyDistribution;
import io.github.gen4j.toy.ToyGan;
import io.github.gen4j.toy.ToyGanConfig;
import io.github.gen4j.train.RunDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code gen4j toy gan}: mode collapse and its cure on 8 Gaussians on a ring, one run per preset, with a
 * scatter plot per checkpoint and the modes covered within 3 sigma.
 */
@Command(name = "gan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train small MLP GANs on 8 Gaussians on a ring with each preset (same step code as",
            "`train gan`); writes a scatter plot per checkpoint and counts the modes covered within 3 sigma."})
public final class ToyGanCommand implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Mixin GanRecipeOptions recipe;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", split = ",", defaultValue = "plain,stabilized",
            description = "Presets to compare, comma-separated: plain, stabilized, wgan-gp (default: ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps per preset (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--plot-every", defaultValue = "500", description = "Steps between plots (default: ${DEFAULT-VALUE}).")
    int plotEvery;

    @Option(names = "--batch-size", description = "Points per step, split over the D steps (default: 256 per D step, "
            + "i.e. 256, or 1280 for wgan-gp's 5 critic steps).")
    Integer batchSize;

    @Option(names = "--lr", description = "Learning rate of both networks (default: 25x the preset's image rates).")
    Double lr;

    @Option(names = "--ema", description = "EMA decay of the generator's sampling weights (default: the preset's).")
    Double ema;

    @Option(names = "--latent", defaultValue = "8", description = "Latent dimension (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--hidden", defaultValue = "128", description = "Hidden width of both MLPs (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "3", description = "Hidden layers of both MLPs (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--dist", defaultValue = "ring", description = "ring (Gaussians on a ring) or moons (default: ${DEFAULT-VALUE}).")
    String dist;

    @Option(names = "--modes", defaultValue = "8", description = "Gaussians on the ring (default: ${DEFAULT-VALUE}).")
    int modes;

    @Option(names = "--std", defaultValue = "0.05", description = "Standard deviation of each Gaussian (default: ${DEFAULT-VALUE}).")
    double std;

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives toy-gan-<time>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ToyDistribution data;
        try {
            data = ToyDistribution.parse(dist) instanceof RingOfGaussians ? new RingOfGaussians(modes, 2.0, std)
                    : ToyDistribution.parse(dist);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ToyGanConfig> configs = new ArrayList<>();
        for (String name : presets) {
            GanPreset p = GanPreset.parse(name);
            GanRecipe r = recipe.apply(ToyGanConfig.toyRecipe(p), lr);
            int b = batchSize != null ? batchSize : ToyGanConfig.POINTS_PER_D_STEP * r.dSteps();
            configs.add(ToyGanConfig.defaults(p).withSteps(steps, plotEvery).withBatchSize(b)
                    .withRecipe(r, ema != null ? ema : p.emaDecay()).withNetworks(latent, hidden, layers)
                    .withSeed(common.seed));
        }
        PrintWriter pw = spec.commandLine().getOut();
        RunDir run = RunDir.create(out, "toy-gan");
        pw.println("toy: " + (data instanceof RingOfGaussians ? modes + " Gaussians on a ring of radius 2, std " + std
                : "two moons") + "; plots in " + run.root());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            String name = presets.get(i).trim();
            ToyGanConfig c = configs.get(i);
            ToyGan.Result r = ToyGan.run(c, data, name, run.root(), common.device(), pw::println);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("config", c);
            List<Map<String, Object>> checkpoints = new ArrayList<>();
            for (ToyGan.Checkpoint k : r.checkpoints()) {
                Map<String, Object> cp = new LinkedHashMap<>();
                cp.put("step", k.step());
                if (!data.modes().isEmpty()) {
                    cp.put("modes_covered", k.coverage().covered());
                    cp.put("high_quality", k.coverage().highQuality());
                }
                cp.put("energy_distance", k.energyDistance());
                cp.put("plot", String.valueOf(k.plot().getFileName()));
                checkpoints.add(cp);
            }
            s.put("checkpoints", checkpoints);
            s.put("seconds", r.seconds());
            if (r.diverged() != null) {
                s.put("diverged", r.diverged());
            }
            summary.put(name, s);
            pw.flush();
        }
        Json.write(run.root().resolve("summary.json"), summary);
        pw.println();
        pw.println(data.modes().isEmpty() ? "last checkpoint (two moons have no modes to count):"
                : "modes covered within 3 sigma (of " + modes + "), last checkpoint:");
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cps = (List<Map<String, Object>>) ((Map<String, Object>) e.getValue()).get("checkpoints");
            Map<String, Object> last = cps.isEmpty() ? null : cps.get(cps.size() - 1);
            pw.printf(Locale.ROOT, "  %-12s %s%n", e.getKey(), last == null ? "diverged"
                    : (last.containsKey("modes_covered") ? last.get("modes_covered") + " modes, " : "")
                    + String.format(Locale.ROOT, "energy distance %.4f", (Double) last.get("energy_distance")));
        }
        pw.println("summary: " + run.root().resolve("summary.json"));
        return 0;
    }
}
