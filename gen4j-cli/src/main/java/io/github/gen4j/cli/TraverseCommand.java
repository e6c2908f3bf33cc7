package io.github.gen4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.latent.Interpolations;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.latent.Traversal;
import io.github.gen4j.latent.VaeLatent;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j traverse RUN}: walk each latent coordinate of a (beta-)VAE, one row per coordinate. */
@Command(name = "traverse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk each latent coordinate of a (beta-)VAE from -RANGE to +RANGE, all others fixed at the",
            "posterior mean of an image (or 0), one row per coordinate, to show which factors it learned.",
            "Rows are ordered by the coordinate's mean KL on held-out images (unused coordinates have KL near 0)."})
public final class TraverseCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Option(names = "--image", paramLabel = "FILE", description = "Base point: the posterior mean of this image.")
    Path image;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I",
            description = "Base point: the posterior mean of held-out image I (default: ${DEFAULT-VALUE}; ignored with --image or --zero).")
    int index;

    @Option(names = "--zero", description = "Base point: the prior mean z = 0.")
    boolean zero;

    @Option(names = "--dims", split = ",", paramLabel = "J", description = "Coordinates to walk, e.g. 0,3,5 (default: the --top ones).")
    int[] dims;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Without --dims: the N coordinates with the largest mean KL (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--range", defaultValue = "3", description = "Walk from -RANGE to +RANGE (default: ${DEFAULT-VALUE}).")
    double range;

    @Option(names = "--steps", defaultValue = "9", description = "Values per row (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K",
            description = "Conditional VAE: the class to decode (default: the base image's label).")
    int classLabel;

    @Option(names = "--kl-images", defaultValue = "500", paramLabel = "N",
            description = "Held-out images for the KL ranking (default: ${DEFAULT-VALUE}).")
    int klImages;

    @Option(names = "--data", paramLabel = "PATH", description = "Data for held-out images (default: the run's).")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png", description = "Output (default: RUN/latent/traverse.png).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(range > 0) || steps < 2 || steps > 64 || top < 1 || klImages < 1 || index < 0) {
            throw usage("--range must be > 0, --steps in 2..64, --top, --kl-images >= 1, --index >= 0");
        }
        if (zero && image != null) {
            throw usage("give --image or --zero, not both");
        }
        Path target = out != null ? out : runOpts.run.resolve("latent").resolve("traverse.png");
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw usage("--out: '" + target + "' must end in .png");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device());
                NDManager nd = model.manager().newSubManager()) {
            LatentSpace s = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults());
            if (!(s instanceof VaeLatent space)) {
                throw new IllegalArgumentException(runOpts.run + ": traverse walks the coordinates of a VAE's latent, this "
                        + "is a " + s.family() + " model (use gen4j interpolate)");
            }
            RunConfig.DataInfo d = model.config().data();
            int k = space.numClasses();
            TrainingData td = RunData.of(model.config(), data);
            ImageDataset held = LatentCli.heldOut(td);
            double[] kl = Traversal.meanKl(space, nd, held, klImages);
            int[] rows = dims != null ? Traversal.check(dims, space.dim()) : Traversal.top(kl, top);
            float[] base;
            int cls = classLabel;
            String what;
            if (zero) {
                base = new float[space.dim()];
                what = "z = 0";
            } else {
                float[] raw = new float[space.channels() * space.imageSize() * space.imageSize()];
                if (image != null) {
                    raw = LatentCli.readRaw(image, d, "--image");
                    what = "posterior mean of " + image;
                } else {
                    if (index >= held.size()) {
                        throw new IllegalArgumentException("--index " + index + ": " + held.size() + " held-out images");
                    }
                    held.copyImage(index, raw, 0);
                    what = "posterior mean of held-out image " + index;
                    if (cls < 0 && k > 0 && held.hasLabels()) {
                        cls = held.label(index);
                    }
                }
                base = Interpolations.encode(space, nd, raw, 1, k > 0 ? new int[] {check(cls, k)} : null)[0].z();
            }
            if (k > 0) {
                check(cls, k);
            } else if (cls >= 0) {
                throw new IllegalArgumentException("--class " + cls + ": the model is unconditional");
            }
            double[] values = Traversal.values(range, steps);
            float[] z = Traversal.latents(base, rows, values);
            int n = rows.length * steps;
            float[] w = null;
            if (k > 0) {
                w = new float[n * k];
                for (int i = 0; i < n; i++) {
                    w[i * k + cls] = 1;
                }
            }
            float[] frames = Interpolations.decode(space, nd, z, w, n);
            ImageGrid.write(target, frames, n, space.channels(), space.imageSize(), space.imageSize(), rows.length, steps,
                    2, 0f, 1f);
            pw.printf(Locale.ROOT, "base: %s; values %.2f .. %.2f in %d steps%n", what, -range, range, steps);
            pw.printf(Locale.ROOT, "mean KL per coordinate (nats, %d held-out images), total %.3f%n",
                    Math.min(klImages, held.size()), Arrays.stream(kl).sum());
            pw.println("row  dim  kl_nats");
            for (int r = 0; r < rows.length; r++) {
                pw.printf(Locale.ROOT, "%3d  %3d  %.4f%n", r, rows[r], kl[rows[r]]);
            }
            long active = Arrays.stream(kl).filter(v -> v > 0.01).count();
            pw.printf("active coordinates (KL > 0.01 nats): %d of %d%n", active, kl.length);
            pw.println("grid: " + target);
        }
        return 0;
    }

    private static int check(int cls, int k) {
        if (cls < 0 || cls >= k) {
            throw new IllegalArgumentException("--class: this VAE is class-conditional, give a class in 0.." + (k - 1));
        }
        return cls;
    }

    private CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }
}
