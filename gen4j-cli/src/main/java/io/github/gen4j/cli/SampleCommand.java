package io.github.gen4j.cli;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.Npy;
import io.github.gen4j.io.IOConsumer;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j sample RUN}: draw images from a trained model into a PNG grid or a .npy file. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a trained model: a PNG grid, or N x C x H x W uint8 .npy for other tools.")
public final class SampleCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    /** The largest PNG grid: 100 x 100 images; more are written as .npy. */
    static final int MAX_GRID_IMAGES = 10_000;

    @Option(names = {"-n", "--n"}, defaultValue = "64", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Output .png (grid) or .npy (default: RUN/samples/sample-seed<SEED>.png).")
    Path out;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K", description = "Class to draw (conditional models).")
    int classLabel;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Prior noise scale (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--truncation", defaultValue = "0",
            description = "GAN truncation: resample latent values beyond +-T; 0 = off (default).")
    double truncation;

    @Mixin SamplerOptions sampling;

    @Option(names = "--eta", defaultValue = "0", description = "DDIM eta: 0 = deterministic (default).")
    double eta;

    @Option(names = "--guidance", defaultValue = "0",
            description = "Classifier-free guidance scale for conditional diffusion (default: 0).")
    double guidance;

    @Option(names = "--batch-size", defaultValue = "256", description = "Samples per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n <= 0 || batchSize <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--n and --batch-size must be > 0");
        }
        Path target = out != null ? out : runOpts.run.resolve("samples").resolve("sample-seed" + common.seed + ".png");
        String name = target.getFileName().toString().toLowerCase();
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out: '" + target + "' must end in .png or .npy");
        }
        sampling.validated(spec.commandLine());
        SampleOptions options;
        try {
            options = new SampleOptions(classLabel, temperature, truncation, sampling.sampler, sampling.steps, eta, guidance);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--temperature, --truncation and --eta must be >= 0");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            ImageGenerator g = model.generator();
            if (classLabel >= 0 && classLabel >= Math.max(1, g.numClasses())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--class " + classLabel
                        + ": the model has " + g.numClasses() + " classes"
                        + (g.numClasses() == 0 ? " (it is unconditional)" : ""));
            }
            var d = model.config().data();
            int c = d.channels();
            int h = d.height();
            int w = d.width();
            long perImage = (long) c * h * w;
            boolean npy = name.endsWith(".npy");
            if (!npy && (n > MAX_GRID_IMAGES || n * perImage > Integer.MAX_VALUE - 8)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--n " + n + ": a PNG grid holds at most "
                        + Math.min(MAX_GRID_IMAGES, (Integer.MAX_VALUE - 8) / perImage) + " images of " + c + "x" + h
                        + "x" + w + "; write --out FILE.npy for more (streamed in batches, any count that fits on disk)");
            }
            Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            long t0 = System.nanoTime();
            if (npy) {
                Npy.writeUint8(target, new int[] {n, c, h, w},
                        out -> generate(model, g, options, x -> out.write(ImageOps.toUint8(x, x.length, 0f, 1f))));
            } else {
                float[] all = new float[(int) (n * perImage)];
                int[] filled = {0};
                generate(model, g, options, x -> {
                    System.arraycopy(x, 0, all, filled[0], x.length);
                    filled[0] += x.length;
                });
                int cols = (int) Math.ceil(Math.sqrt(n));
                int rows = (n + cols - 1) / cols;
                ImageGrid.write(target, all, n, c, h, w, rows, cols, 2, 0f, 1f);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            pw.printf("%d samples from %s (step %d) -> %s%n", n, model.checkpoint().getFileName(), model.step(), target);
            pw.printf("sampling: %.2f ms/image (%.0f images/s)%n", ms / n, n / (ms / 1000));
        }
        return 0;
    }

    /** Draws the n samples batch by batch, handing each batch's (k, C, H, W) values in [0, 1] to {@code sink}. */
    private void generate(LoadedRun model, ImageGenerator g, SampleOptions options, IOConsumer<float[]> sink)
            throws IOException {
        try (SamplingBar bar = new SamplingBar("sample", (n + batchSize - 1) / batchSize)) {
            for (int from = 0; from < n; from += batchSize) {
                int k = Math.min(batchSize, n - from);
                bar.call(from / batchSize);
                try (NDManager m = model.manager().newSubManager()) {
                    sink.accept(g.generate(m, k, options.withProgress(bar)).toFloatArray());
                }
            }
        }
    }
}
