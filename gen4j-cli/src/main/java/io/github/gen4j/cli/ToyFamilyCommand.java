package io.github.gen4j.cli;

import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.toy.ToyDistribution;
import io.github.gen4j.toy.ToyGallery;
import io.github.gen4j.train.RunDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j toy vae|diffusion|flow|all}: trains toy models through {@link ToyGallery} and writes, per
 * family and distribution, a samples plot, a density heat map where the family has a density, a
 * {@code metrics.json} and a {@code gallery.png}. One subclass per command name.
 */
public abstract class ToyFamilyCommand implements Callable<Integer> {

    @Mixin CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--steps", defaultValue = "2000", description = "Training steps per model (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", defaultValue = "runs", description = "Folder that receives toy-<name>-<time>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--samples", defaultValue = "2000", description = "Samples per model for plots and metrics (default: ${DEFAULT-VALUE}).")
    int samples;

    /** The families this command trains. */
    abstract List<String> families();

    /** The distributions this command trains on. */
    abstract List<String> distributions();

    /** The GAN preset (only {@code toy all} trains a GAN here; {@code toy gan} compares presets). */
    GanPreset ganPreset() {
        return GanPreset.STABILIZED;
    }

    @Override
    public Integer call() throws Exception {
        if (steps <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be > 0, got " + steps);
        }
        if (samples < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be >= 2, got " + samples);
        }
        List<String> fams = families();
        GanPreset preset = ganPreset();
        List<ToyDistribution> dists = new ArrayList<>();
        for (String d : distributions()) {
            try {
                dists.add(ToyDistribution.parse(d));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        RunDir run = RunDir.create(out, "toy-" + spec.name());
        pw.println("toy " + spec.name() + ": " + String.join(", ", fams) + " on "
                + String.join(", ", distributions()) + ", " + steps + " steps, seed " + common.seed + "; output in "
                + run.root());
        ToyGallery.Options opts = new ToyGallery.Options(preset, samples, 64, common.device(), line -> {
            pw.println(line);
            pw.flush();
        });
        ToyGallery.Result r = ToyGallery.run(FamilyRegistry.toys(fams), dists, steps, common.seed, run.root(), opts);
        pw.println();
        pw.printf(Locale.ROOT, "%-10s %-6s %8s %8s %8s %9s %7s %7s%n", "family", "dist", "energy", "kde_ll",
                "model_ll", "modes", "hq", "secs");
        for (ToyGallery.Entry e : r.entries()) {
            Map<String, Double> m = e.metrics();
            pw.printf(Locale.ROOT, "%-10s %-6s %8s %8s %8s %9s %7s %7.1f%s%n", e.family(), e.distribution(),
                    fmt(m.get("energy_distance"), "%.4f"), fmt(m.get("kde_loglik"), "%.3f"),
                    fmt(m.get("heldout_loglik"), "%.3f"),
                    m.containsKey("modes_covered") ? m.get("modes_covered").intValue() + "/8" : "-",
                    fmt(m.get("high_quality"), "%.2f"), e.trainSeconds(),
                    e.diverged() != null ? "  DIVERGED: " + e.diverged() : "");
        }
        pw.println("data reference (a perfect model): energy ~ energy_distance_data, kde_ll ~ kde_loglik_data in "
                + "metrics.json");
        pw.println("metrics: " + r.metricsJson());
        pw.println("gallery: " + r.galleryPng());
        return 0;
    }

    private static String fmt(Double v, String f) {
        return v == null ? "-" : String.format(Locale.ROOT, f, v);
    }

    /** Commands for one family on one distribution. */
    abstract static class Single extends ToyFamilyCommand {

        @Option(names = "--dist", defaultValue = "ring", description = "ring (8 Gaussians) or moons (default: ${DEFAULT-VALUE}).")
        String dist;

        @Override
        List<String> distributions() {
            return List.of(dist);
        }
    }

    @Command(name = "vae", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a toy VAE (MLPs, 2-D latent, Gaussian decoder) on 2D points; plots its samples",
                "and its importance-weighted density bound."})
    public static final class Vae extends Single {
        @Override
        List<String> families() {
            return List.of("vae");
        }
    }

    @Command(name = "diffusion", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a toy diffusion model (MLP noise predictor, the image family's schedule and",
                "DDPM sampler) on 2D points; plots its samples."})
    public static final class Diffusion extends Single {
        @Override
        List<String> families() {
            return List.of("diffusion");
        }
    }

    @Command(name = "flow", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a toy RealNVP (the image flow's ActNorm and affine couplings) on 2D points;",
                "plots its samples and its exact density."})
    public static final class Flow extends Single {
        @Override
        List<String> families() {
            return List.of("flow");
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train every family (gan, vae, diffusion, flow) on both toy distributions (ring, moons)",
                "with the same steps; writes one PNG per model, gallery.png and metrics.json."})
    public static final class All extends ToyFamilyCommand {

        @Option(names = "--families", split = ",", defaultValue = "gan,vae,diffusion,flow",
                description = "Families, comma-separated (default: ${DEFAULT-VALUE}).")
        List<String> families;

        @Option(names = "--dists", split = ",", defaultValue = "ring,moons",
                description = "Distributions, comma-separated (default: ${DEFAULT-VALUE}).")
        List<String> dists;

        @Option(names = "--gan-preset", defaultValue = "stabilized",
                description = "GAN preset: plain, stabilized or wgan-gp (default: ${DEFAULT-VALUE}).")
        String ganPreset;

        @Override
        List<String> families() {
            try {
                return List.copyOf(FamilyRegistry.toys(families).keySet());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--families: " + e.getMessage());
            }
        }

        @Override
        List<String> distributions() {
            return dists;
        }

        @Override
        GanPreset ganPreset() {
            try {
                return GanPreset.parse(ganPreset);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("--preset", "--gan-preset"));
            }
        }
    }
}
