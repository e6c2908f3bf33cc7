package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.model.Runs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gen4j reconstruct RUN}: encode and decode held-out images, with per-image error. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reconstruct held-out images (never trained on) and report the error per image.")
public final class ReconstructCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Option(names = {"-n", "--n"}, defaultValue = "32", description = "Images to reconstruct (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--data", paramLabel = "PATH", description = "Data to take images from (default: the run's).")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png",
            description = "Grid of originals above reconstructions (default: RUN/samples/reconstruct.png).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--n must be > 0, got " + n);
        }
        Path target = out != null ? out : runOpts.run.resolve("samples").resolve("reconstruct.png");
        if (!target.getFileName().toString().toLowerCase().endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: '" + target + "' must end in .png");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (Runs.Loaded model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            Reconstructor r = model.reconstructor();
            TrainingData td = RunData.of(model.config(), data);
            ImageDataset images = td.heldOut().size() > 0 ? td.heldOut() : td.train();
            int k = Math.min(n, images.size());
            try (NDManager m = model.manager().newSubManager()) {
                Batch b = Batcher.range(images, 0, k, m);
                NDArray orig = b.pixels().div(255f);
                NDArray rec = r.reconstruct(m, b.pixels(), b.labels());
                float[] mse = rec.sub(orig).square().reshape(k, -1).mean(new int[] {1}).toFloatArray();
                var d = model.config().data();
                ImageGrid.writePairs(target, orig.toFloatArray(), rec.toFloatArray(), k, d.channels(), d.height(),
                        d.width(), 8, 2, 0f, 1f);
                double mean = 0;
                pw.println("image  mse       psnr_db");
                for (int i = 0; i < k; i++) {
                    mean += mse[i];
                    pw.printf("%5d  %.6f  %.2f%n", i, mse[i], 10 * Math.log10(1 / Math.max(mse[i], 1e-12)));
                }
                mean /= k;
                pw.printf("mean   %.6f  %.2f   (%d held-out images from %s)%n", mean,
                        10 * Math.log10(1 / Math.max(mean, 1e-12)), k, images.name());
                pw.println("grid: " + target);
            }
        }
        return 0;
    }
}
