package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import io.github.gen4j.diffusion.DiffusionEditing;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.family.Runs;
import io.github.gen4j.model.SampleOptions;
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

/** {@code gen4j inpaint RUN --input F.png (--mask M.png | --rect x,y,w,h)}: fill a region with a diffusion model. */
@Command(name = "inpaint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the masked region of an image with a trained diffusion model (RePaint or the",
            "replacement method). Writes PREFIX-before.png (masked region in gray) and PREFIX-after.png (--n results)."})
public final class InpaintCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "The image (resized and center-cropped to the model's size).")
    Path input;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Region region;

    /** Exactly one of --mask and --rect. */
    static final class Region {
        @Option(names = "--mask", paramLabel = "FILE", description = "Mask image of the input's size: white (>= 128) = fill, black = keep.")
        Path mask;

        @Option(names = "--rect", split = ",", paramLabel = "X,Y,W,H",
                description = "Rectangle to fill, in pixels of the model's image size (e.g. 7,7,14,14 on 28x28).")
        List<Integer> rect;
    }

    @Option(names = "--method", defaultValue = "repaint", description = "repaint or replace (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--steps", defaultValue = "100", description = "Noise levels visited (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--resample", defaultValue = "5", description = "RePaint repetitions per level (default: ${DEFAULT-VALUE}).")
    int resample;

    @Option(names = {"-n", "--n"}, defaultValue = "4", description = "Different completions to draw (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K", description = "Class (conditional models, with --guidance).")
    int classLabel;

    @Option(names = "--guidance", defaultValue = "0", description = "Classifier-free guidance scale (default: 0 = unconditional).")
    double guidance;

    @Option(names = {"-o", "--out"}, paramLabel = "PREFIX", description = "Output prefix (default: RUN/edits/inpaint-<input name>).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DiffusionEditing.InpaintMethod how;
        try {
            how = DiffusionEditing.InpaintMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method: expected repaint or replace, got '"
                    + method + "'");
        }
        if (steps < 1 || resample < 1 || n < 1 || !(guidance >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--steps, --resample and --n must be >= 1, --guidance >= 0");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            DiffusionTask task = DenoiseCommand.diffusion(model);
            RunConfig.DataInfo d = model.config().data();
            float[] image = EditImages.read(input, d, "--input");
            float[] mask = mask(d);
            float[] before = DiffusionEditing.masked(image, mask); // the region to fill in gray
            SampleOptions o = new SampleOptions(classLabel, 1, 0, null, 0, 0, guidance);
            Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            float[] after;
            long t0 = System.nanoTime();
            try (NDManager m = model.manager().newSubManager();
                    SamplingBar bar = new SamplingBar("inpaint", 1)) {
                Shape one = new Shape(1, d.channels(), d.height(), d.width());
                NDArray x = m.create(image, one).repeat(0, n);
                NDArray mk = m.create(mask, new Shape(1, 1, d.height(), d.width()));
                after = new DiffusionEditing(task).inpaint(m, x, mk, how, steps, resample, o.withProgress(bar))
                        .toFloatArray();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path[] files = EditImages.writeBeforeAfter(EditImages.prefix(out, runOpts.run, "inpaint", input),
                    before, 1, after, n, d);
            pw.printf("inpainted %s (%s, %d levels%s, %d results) in %.1f s%n", input, how.name().toLowerCase(), steps,
                    how == DiffusionEditing.InpaintMethod.REPAINT ? " x " + resample : "", n, seconds);
            pw.println("before: " + files[0]);
            pw.println("after:  " + files[1]);
        }
        return 0;
    }

    /** The H x W mask (1 = fill) from --mask or --rect. */
    private float[] mask(RunConfig.DataInfo d) {
        int h = d.height();
        int w = d.width();
        float[] mask = new float[h * w];
        if (region.rect != null) {
            List<Integer> r = region.rect;
            if (r.size() != 4 || r.get(2) < 1 || r.get(3) < 1 || r.get(0) < 0 || r.get(1) < 0
                    || r.get(0) + r.get(2) > w || r.get(1) + r.get(3) > h) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rect: expected X,Y,W,H with W, H >= 1 "
                        + "inside the model's " + w + "x" + h + " image, got " + r);
            }
            for (int y = r.get(1); y < r.get(1) + r.get(3); y++) {
                for (int x = r.get(0); x < r.get(0) + r.get(2); x++) {
                    mask[y * w + x] = 1;
                }
            }
        } else {
            int[] ms = EditImages.size(region.mask, "--mask");
            int[] is = EditImages.size(input, "--input");
            if (ms[0] != is[0] || ms[1] != is[1]) {
                throw new IllegalArgumentException("--mask: " + region.mask + " is " + ms[0] + "x" + ms[1]
                        + " but the input image is " + is[0] + "x" + is[1]);
            }
            mask = DiffusionEditing.maskOf(EditImages.read(region.mask,
                    new RunConfig.DataInfo("mask", "mask", 1, h, w, List.of(), 0, 0), "--mask"));
        }
        if (DiffusionEditing.maskShare(mask) == 0) {
            throw new IllegalArgumentException((region.rect != null ? "--rect" : "--mask") + ": the region to fill is empty");
        }
        return mask;
    }
}
