package io.github.gen4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.eval.Features;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.latent.Arithmetic;
import io.github.gen4j.latent.ClassMeans;
import io.github.gen4j.latent.Interpolations;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.train.LoadedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j arithmetic RUN --plus A --minus B}: image + s (mean_A - mean_B), as a grid. */
@Command(name = "arithmetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent arithmetic with class-mean vectors: each base image's latent plus s times (mean latent",
            "of class --plus minus that of class --minus), for every scale s: a grid that walks along the direction",
            "(s = 1 is 'image - B + A'). Bases: held-out images of class --minus, or --image files. First row: the",
            "decoded class means. The shipped classifier reports how many results it sees as class A per scale."})
public final class ArithmeticCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;
    @Mixin LatentOptions latent;

    @Option(names = "--plus", required = true, paramLabel = "A", description = "Class added (index or name, e.g. 'ankle boot').")
    String plus;

    @Option(names = "--minus", required = true, paramLabel = "B", description = "Class subtracted (e.g. sneaker).")
    String minus;

    @Option(names = "--image", paramLabel = "FILE", description = "Base image (repeatable; default: held-out images of class B).")
    List<Path> images;

    @Option(names = {"-n", "--n"}, defaultValue = "6", description = "Held-out base images without --image (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--scales", split = ",", defaultValue = "0,0.25,0.5,0.75,1,1.25,1.5",
            description = "Multiples of the direction, one column each (default: ${DEFAULT-VALUE}).")
    double[] scales;

    @Option(names = "--per-class", defaultValue = "64", paramLabel = "N",
            description = "Held-out images per class mean (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--data", paramLabel = "PATH", description = "Data for class means (default: the run's).")
    String data;

    @Option(names = "--features", paramLabel = "FILE|RUN", description = "Classifier for the per-scale check (default: the shipped one for 1x28x28).")
    Path features;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png", description = "Output (default: RUN/latent/arithmetic-A-B.png).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 64 || perClass < 1 || scales.length == 0 || scales.length > 32) {
            throw usage("--n must be in 1..64, --per-class >= 1, 1..32 --scales");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device());
                NDManager nd = model.manager().newSubManager()) {
            LatentSpace space = FamilyRegistry.latentSpace(model.task(), latent.settings());
            if (space.numClasses() > 0) {
                throw new IllegalArgumentException(runOpts.run + ": the model is class-conditional, its class is an input "
                        + "rather than a direction in the latent (use gen4j interpolate --classes)");
            }
            TrainingData td = RunData.of(model.config(), data);
            ImageDataset held = LatentCli.heldOut(td);
            if (!held.hasLabels()) {
                throw new IllegalArgumentException("class means need labelled data, " + held.name() + " has no labels");
            }
            int a = LatentCli.parseClass(plus, held.classNames(), held.numClasses(), "--plus");
            int b = LatentCli.parseClass(minus, held.classNames(), held.numClasses(), "--minus");
            Path target = out != null ? out : runOpts.run.resolve("latent")
                    .resolve("arithmetic-" + LatentCli.slug(name(held, a)) + "-" + LatentCli.slug(name(held, b)) + ".png");
            if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw usage("--out: '" + target + "' must end in .png");
            }
            Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            long t0 = System.nanoTime();
            int c = space.channels();
            int s = space.imageSize();
            int d = c * s * s;
            // base images, raw 0..255
            int nb = images != null ? images.size() : n;
            float[] raw = new float[nb * d];
            if (images != null) {
                for (int i = 0; i < nb; i++) {
                    System.arraycopy(LatentCli.readRaw(images.get(i), model.config().data(), "--image"), 0, raw, i * d, d);
                }
            } else {
                int[] idx = ClassMeans.indices(held, b, held.size());
                // bases from the end of the class list, so they are not among the images of the mean
                nb = Math.min(n, idx.length);
                raw = new float[nb * d];
                for (int i = 0; i < nb; i++) {
                    held.copyImage(idx[idx.length - 1 - i], raw, i * d);
                }
            }
            float[] meanA = ClassMeans.mean(space, nd, held, a, perClass);
            float[] meanB = ClassMeans.mean(space, nd, held, b, perClass);
            float[] dir = Arithmetic.direction(meanA, meanB);
            float[] bases = new float[nb * space.dim()];
            Interpolations.Point[] p = Interpolations.encode(space, nd, raw, nb, null);
            for (int i = 0; i < nb; i++) {
                System.arraycopy(p[i].z(), 0, bases, i * space.dim(), space.dim());
            }
            int cols = scales.length + 1;
            float[] walked = Interpolations.decode(space, nd, Arithmetic.walk(bases, nb, dir, scales), null,
                    nb * scales.length);
            float[] means = new float[2 * space.dim()];
            System.arraycopy(meanB, 0, means, 0, space.dim());
            System.arraycopy(meanA, 0, means, space.dim(), space.dim());
            float[] meanImages = Interpolations.decode(space, nd, means, null, 2);
            // grid: row 0 = [mean B, mean A, blank...]; row i = [original, walked at each scale]
            float[] grid = new float[(nb + 1) * cols * d];
            java.util.Arrays.fill(grid, ImageGrid.BACKGROUND / 255f);
            System.arraycopy(meanImages, 0, grid, 0, 2 * d);
            for (int i = 0; i < nb; i++) {
                int row = (i + 1) * cols * d;
                for (int j = 0; j < d; j++) {
                    grid[row + j] = raw[i * d + j] / 255f;
                }
                System.arraycopy(walked, i * scales.length * d, grid, row + d, scales.length * d);
            }
            ImageGrid.write(target, grid, (nb + 1) * cols, c, s, s, nb + 1, cols, 2, 0f, 1f);
            pw.printf(Locale.ROOT, "%s latent (%s): %s - %s, class means of up to %d held-out images, %d bases, %.1f s%n",
                    space.family(), space.encoding(), name(held, a), name(held, b), perClass, nb,
                    (System.nanoTime() - t0) / 1e9);
            classify(pw, td, walked, nb, c, s, a, b, held);
            pw.println("grid: " + target);
        }
        return 0;
    }

    /** Fraction of results the feature network classifies as A (and B) at each scale. */
    private void classify(PrintWriter pw, TrainingData td, float[] walked, int nb, int c, int s, int a, int b,
            ImageDataset held) {
        int total = nb * scales.length;
        byte[] u8 = ImageOps.toUint8(walked, total * c * s * s, 0f, 1f);
        try (FeatureNetwork net = FeatureNetwork.resolve(features, c, s, s, common.device(), msg -> { })) {
            if (net.numClasses() == 0) {
                return;
            }
            Features f = net.extract(new ImageDataset("arithmetic", u8, total, c, s, s, null, List.of()), 256, null);
            pw.printf("%-8s %8s %8s   (classified by %s)%n", "scale", "as " + a, "as " + b, net.name());
            for (int j = 0; j < scales.length; j++) {
                int na = 0;
                int nbb = 0;
                for (int i = 0; i < nb; i++) {
                    int pred = f.predicted()[i * scales.length + j];
                    na += pred == a ? 1 : 0;
                    nbb += pred == b ? 1 : 0;
                }
                pw.printf(Locale.ROOT, "%-8.2f %7.0f%% %7.0f%%%n", scales[j], 100.0 * na / nb, 100.0 * nbb / nb);
            }
        } catch (IllegalArgumentException e) {
            pw.println("no classifier check: " + e.getMessage());
        }
    }

    private static String name(ImageDataset held, int k) {
        return k < held.classNames().size() ? held.classNames().get(k) : Integer.toString(k);
    }

    private CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }
}
