package io.github.gen4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.latent.ClassMeans;
import io.github.gen4j.latent.GanLatent;
import io.github.gen4j.latent.Interpolation;
import io.github.gen4j.latent.Interpolations;
import io.github.gen4j.latent.Interpolations.Point;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j interpolate RUN}: a strip (PNG) and an animation (GIF) between two latents. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Interpolate in a model's latent space between two images (--from/--to, or held-out --indices),",
            "two seeds (--seeds) or two classes (--classes: class-mean latents, or the class input of a conditional model).",
            "Latents: VAE posterior mean, GAN z (recovered by optimization for images), flow exact, diffusion x_T",
            "(DDIM inversion). Writes PREFIX.png (the strip, framed by the input images) and PREFIX.gif."})
public final class InterpolateCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;
    @Mixin LatentOptions latent;

    @Option(names = "--from", paramLabel = "FILE", description = "First image (PNG, JPEG, ...; resized and center-cropped).")
    Path from;

    @Option(names = "--to", paramLabel = "FILE", description = "Second image.")
    Path to;

    @Option(names = "--indices", paramLabel = "I,J", description = "Two held-out images of the run's data, by index.")
    String indices;

    @Option(names = "--seeds", paramLabel = "A,B", description = "Two seeds: their prior latents z ~ N(0, I).")
    String seeds;

    @Option(names = "--classes", paramLabel = "A,B",
            description = "Two classes (index or name): class-mean latents of held-out images; for a conditional model "
                    + "the latent of --seed with the class input moving from A to B.")
    String classes;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K",
            description = "Conditional models: the class of --from/--to images or --seeds.")
    int classLabel;

    @Option(names = "--steps", defaultValue = "8", description = "Frames, endpoints included (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--mode", defaultValue = "slerp", description = "lerp or slerp (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--per-class", defaultValue = "64", paramLabel = "N",
            description = "Held-out images per class mean (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--data", paramLabel = "PATH", description = "Data for class means (default: the run's).")
    String data;

    @Option(names = "--gif-scale", defaultValue = "4", description = "GIF enlargement (default: ${DEFAULT-VALUE}).")
    int gifScale;

    @Option(names = "--frame-ms", defaultValue = "150", description = "GIF frame time in ms (default: ${DEFAULT-VALUE}).")
    int frameMs;

    @Option(names = {"-o", "--out"}, paramLabel = "PREFIX",
            description = "Output prefix (default: RUN/latent/interpolate-<endpoints>-<mode>).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int sources = (from != null || to != null ? 1 : 0) + (seeds != null ? 1 : 0) + (classes != null ? 1 : 0)
                + (indices != null ? 1 : 0);
        if (sources != 1 || (from == null) != (to == null)) {
            throw usage("give exactly one of --from FILE --to FILE, --indices I,J, --seeds A,B or --classes A,B");
        }
        if (steps < 2 || steps > 256) {
            throw usage("--steps must be in 2..256, got " + steps);
        }
        if (perClass < 1 || gifScale < 1 || gifScale > 16 || frameMs < 10) {
            throw usage("--per-class must be >= 1, --gif-scale in 1..16, --frame-ms >= 10");
        }
        Interpolation m;
        long[] seedPair = null;
        int[] idx = null;
        try {
            m = Interpolation.parse(mode, "--mode");
            if (seeds != null) {
                String[] p = LatentCli.pair(seeds, "--seeds");
                seedPair = new long[] {Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim())};
            }
            if (indices != null) {
                String[] p = LatentCli.pair(indices, "--indices");
                idx = new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
                if (idx[0] < 0 || idx[1] < 0) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw usage((seeds != null ? "--seeds" : "--indices") + ": expected two non-negative integers, got '"
                    + (seeds != null ? seeds : indices) + "'");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device());
                NDManager nd = model.manager().newSubManager()) {
            LatentSpace space = FamilyRegistry.latentSpace(model.task(), latent.settings());
            RunConfig.DataInfo d = model.config().data();
            int k = space.numClasses();
            Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            long t0 = System.nanoTime();
            Interpolations.Strip s;
            float[] originals = null;
            double[] endMse = null;
            String name;
            if (from != null || idx != null) {
                float[] raw;
                int[] lb = labels(k, classLabel);
                if (from != null) {
                    float[] ra = LatentCli.readRaw(from, d, "--from");
                    float[] rb = LatentCli.readRaw(to, d, "--to");
                    raw = new float[ra.length * 2];
                    System.arraycopy(ra, 0, raw, 0, ra.length);
                    System.arraycopy(rb, 0, raw, ra.length, rb.length);
                    name = "interpolate-" + LatentCli.slug(stem(from)) + "-" + LatentCli.slug(stem(to));
                } else {
                    ImageDataset held = LatentCli.heldOut(RunData.of(model.config(), data));
                    if (idx[0] >= held.size() || idx[1] >= held.size()) {
                        throw new IllegalArgumentException("--indices: " + held.size() + " held-out images, got " + indices);
                    }
                    int per = space.channels() * space.imageSize() * space.imageSize();
                    raw = new float[2 * per];
                    held.copyImage(idx[0], raw, 0);
                    held.copyImage(idx[1], raw, per);
                    if (k > 0 && classLabel < 0 && held.hasLabels()) {
                        lb = new int[] {held.label(idx[0]), held.label(idx[1])}; // each image with its own class
                    }
                    name = "interpolate-heldout-" + idx[0] + "-" + idx[1];
                }
                Interpolations.ImageStrip is = Interpolations.betweenImages(space, nd, raw, lb, steps, m);
                s = is.strip();
                originals = is.originals();
                endMse = is.endMse();
                if (space instanceof GanLatent g && g.lastRecovery() != null) {
                    var r = g.lastRecovery();
                    pw.printf(Locale.ROOT, "latent recovery: pixel MSE ([-1, 1] scale) %.4f -> %.4f and %.4f -> %.4f%n",
                            r.startError()[0], r.finalError()[0], r.startError()[1], r.finalError()[1]);
                }
            } else {
                Point a;
                Point b;
                if (seedPair != null) {
                    checkClass(k, classLabel);
                    a = Point.seed(space, seedPair[0], classLabel);
                    b = Point.seed(space, seedPair[1], classLabel);
                    name = "interpolate-seeds-" + seedPair[0] + "-" + seedPair[1];
                } else {
                    String[] p = LatentCli.pair(classes, "--classes");
                    TrainingData td = RunData.of(model.config(), data);
                    ImageDataset held = LatentCli.heldOut(td);
                    int nk = k > 0 ? k : held.numClasses();
                    if (nk == 0) {
                        throw new IllegalArgumentException(
                                "--classes: the data has no labels and the model is unconditional");
                    }
                    int ca = LatentCli.parseClass(p[0], held.classNames(), nk, "--classes");
                    int cb = LatentCli.parseClass(p[1], held.classNames(), nk, "--classes");
                    if (k > 0) {
                        a = Point.seed(space, common.seed, ca);
                        b = Point.seed(space, common.seed, cb);
                        pw.printf("conditional model: latent of seed %d, class input moving from %d to %d%n",
                                common.seed, ca, cb);
                    } else {
                        a = new Point(ClassMeans.mean(space, nd, held, ca, perClass), null);
                        b = new Point(ClassMeans.mean(space, nd, held, cb, perClass), null);
                        pw.printf("class means of up to %d held-out images each (%s)%n", perClass, held.name());
                    }
                    name = "interpolate-classes-" + LatentCli.slug(p[0]) + "-" + LatentCli.slug(p[1]);
                }
                s = Interpolations.strip(space, nd, a, b, steps, m);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path prefix = LatentCli.prefix(out, runOpts.run, name + "-" + m.cliName());
            Path png = LatentCli.withExt(prefix, ".png");
            Path gif = LatentCli.withExt(prefix, ".gif");
            Interpolations.write(s, originals, png, gif, gifScale, frameMs);
            pw.printf(Locale.ROOT, "%s latent (%s, D = %d), %s, %d frames in %.1f s%n", space.family(), space.encoding(),
                    space.dim(), m.cliName(), steps, seconds);
            pw.print("|z| / sqrt(D) along the path:");
            for (int f = 0; f < steps; f++) {
                pw.printf(Locale.ROOT, " %.3f", norm(s.latents(), f, space.dim()));
            }
            pw.println();
            if (endMse != null) {
                pw.printf(Locale.ROOT, "endpoints against the inputs: MSE %.6f (%.2f dB), %.6f (%.2f dB)%n", endMse[0],
                        ImageOps.psnr(endMse[0]), endMse[1], ImageOps.psnr(endMse[1]));
            }
            pw.println("strip: " + png);
            pw.println("gif:   " + gif);
        }
        return 0;
    }

    private static int[] labels(int k, int classLabel) {
        checkClass(k, classLabel);
        return k > 0 && classLabel >= 0 ? new int[] {classLabel, classLabel} : null;
    }

    private static void checkClass(int k, int classLabel) {
        if (k == 0 && classLabel >= 0) {
            throw new IllegalArgumentException("--class " + classLabel + ": the model is unconditional");
        }
        if (classLabel >= k && k > 0) {
            throw new IllegalArgumentException("--class " + classLabel + ": the model has " + k + " classes");
        }
    }

    private static double norm(float[] z, int row, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += z[row * d + i] * z[row * d + i];
        }
        return Math.sqrt(s / d);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }
}
