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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j denoise RUN --input F.png --noise S}: remove Gaussian noise with a diffusion model. */
@Command(name = "denoise", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Denoise an image with a trained diffusion model: the noisy image enters the reverse",
            "process at the noise level that matches --noise and is sampled to clean data (--steps counts the",
            "sampler steps from that level down).",
            "Writes PREFIX-before.png and PREFIX-after.png."})
public final class DenoiseCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "The image (PNG, JPEG, ...; resized and center-cropped to the model's size).")
    Path input;

    @Option(names = "--noise", required = true, paramLabel = "S",
            description = "Standard deviation of the Gaussian noise in the image, in pixel units of [0, 1] "
                    + "(e.g. 0.1 = 25 gray levels).")
    double noise;

    @Option(names = "--add-noise", description = "Add noise of this --noise to a clean input first (a demo; "
            + "prints the PSNR before and after).")
    boolean addNoise;

    @Mixin SamplerOptions sampling;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K", description = "Class (conditional models, with --guidance).")
    int classLabel;

    @Option(names = "--guidance", defaultValue = "0", description = "Classifier-free guidance scale (default: 0 = unconditional).")
    double guidance;

    @Option(names = {"-o", "--out"}, paramLabel = "PREFIX",
            description = "Output prefix (default: RUN/edits/denoise-<input name>).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(noise > 0 && noise < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--noise must be in (0, 1), got " + noise);
        }
        sampling.validated(spec.commandLine());
        if (!(guidance >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guidance must be >= 0, got " + guidance);
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            DiffusionTask task = diffusion(model);
            RunConfig.DataInfo d = model.config().data();
            float[] image = EditImages.read(input, d, "--input");
            SampleOptions o = new SampleOptions(classLabel, 1, 0, sampling.sampler, sampling.steps, 0, guidance);
            Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            DiffusionEditing edit = new DiffusionEditing(task);
            float[] before;
            float[] after;
            long t0 = System.nanoTime();
            try (NDManager m = model.manager().newSubManager();
                    SamplingBar bar = new SamplingBar("denoise", 1)) {
                NDArray x = m.create(image, new Shape(1, d.channels(), d.height(), d.width()));
                if (addNoise) {
                    x = x.add(m.randomNormal(x.getShape()).mul((float) noise));
                }
                before = x.toFloatArray();
                after = edit.denoise(m, x, noise, o.withProgress(bar)).toFloatArray();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path[] files = EditImages.writeBeforeAfter(EditImages.prefix(out, runOpts.run, "denoise", input),
                    before, 1, after, 1, d);
            pw.printf("denoised %s (noise %.3f -> enters at level t = %d of %d) in %.1f s%n", input, noise,
                    edit.denoiseLevel(noise) + 1, task.schedule().timesteps(), seconds);
            if (addNoise) {
                pw.printf("PSNR against the clean input: noisy %.2f dB, denoised %.2f dB%n",
                        EditImages.psnr(before, image), EditImages.psnr(after, image));
            }
            pw.println("before: " + files[0]);
            pw.println("after:  " + files[1]);
        }
        return 0;
    }

    /** The loaded model as a diffusion model, or a one-line error. */
    static DiffusionTask diffusion(LoadedRun model) {
        if (model.task() instanceof DiffusionTask t) {
            return t;
        }
        throw new IllegalArgumentException(model.run().root() + ": a " + model.config().family()
                + " model cannot edit images this way (train a diffusion model)");
    }
}
