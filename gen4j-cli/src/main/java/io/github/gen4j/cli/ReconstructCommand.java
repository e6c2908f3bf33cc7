package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.latent.GanLatent;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.latent.LatentSpaces;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.train.LoadedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gen4j reconstruct RUN}: encode and decode held-out images, with per-image error. VAE and flow use
 * their encoders; diffusion goes through DDIM inversion and generation, a GAN through latent recovery.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct held-out images (never trained on) and report the error per image.",
            "VAE: posterior mean; flow: exact; diffusion: DDIM inversion then DDIM generation; GAN: latent recovery."})
public final class ReconstructCommand implements Callable<Integer> {

    /** Images per encode/decode pass (diffusion and GAN do many network evaluations per image). */
    static final int CHUNK = 64;

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;
    @Mixin LatentOptions latent;

    @Option(names = {"-n", "--n"}, defaultValue = "32", description = "Images to reconstruct (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--data", paramLabel = "PATH", description = "Data to take images from (default: the run's).")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png",
            description = "Grid of originals above reconstructions (default: RUN/samples/reconstruct.png).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One-hot labels of the batch for a conditional latent space; null for an unconditional one. */
    private static NDArray cond(NDManager m, LatentSpace space, Batch b) {
        if (space.numClasses() == 0 || b.labels() == null) {
            return null;
        }
        return LatentSpaces.oneHot(m, b.labels().toIntArray(), space.numClasses());
    }

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
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            // the family's own reconstruction where it has one (VAE, flow), else through its latent space
            Reconstructor own = model.task() instanceof Reconstructor r ? r : null;
            LatentSpace space = own == null ? FamilyRegistry.latentSpace(model.task(), latent.settings()) : null;
            TrainingData td = RunData.of(model.config(), data);
            ImageDataset images = td.heldOut().size() > 0 ? td.heldOut() : td.train();
            int k = Math.min(n, images.size());
            var d = model.config().data();
            int per = d.channels() * d.height() * d.width();
            float[] orig = new float[k * per];
            float[] rec = new float[k * per];
            float[] mse = new float[k];
            io.github.gen4j.Gen4j.engine().setRandomSeed((int) (common.seed & 0x7FFFFFFF));
            long t0 = System.nanoTime();
            for (int from = 0; from < k; from += CHUNK) {
                int c = Math.min(CHUNK, k - from);
                try (NDManager m = model.manager().newSubManager()) {
                    Batch b = Batcher.range(images, from, c, m);
                    NDArray o = b.pixels().div(255f);
                    NDArray r = own != null ? own.reconstruct(m, b.pixels(), b.labels())
                            : space.decode(m, space.encode(m, b.pixels(), cond(m, space, b)), cond(m, space, b));
                    System.arraycopy(r.sub(o).square().reshape(c, -1).mean(new int[] {1}).toFloatArray(), 0, mse, from, c);
                    System.arraycopy(o.toFloatArray(), 0, orig, from * per, c * per);
                    System.arraycopy(r.toFloatArray(), 0, rec, from * per, c * per);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            ImageGrid.writePairs(target, orig, rec, k, d.channels(), d.height(), d.width(), 8, 2, 0f, 1f);
            if (space != null) {
                pw.println("via: " + space.encoding());
            }
            double mean = 0;
            pw.println("image  mse       psnr_db");
            for (int i = 0; i < k; i++) {
                mean += mse[i];
                pw.printf("%5d  %.6f  %.2f%n", i, mse[i], ImageOps.psnr(mse[i]));
            }
            mean /= k;
            pw.printf("mean   %.6f  %.2f   (%d held-out images from %s, %.1f s)%n", mean,
                    ImageOps.psnr(mean), k, images.name(), seconds);
            if (space instanceof GanLatent) {
                pw.println("(a GAN has no encoder: latents were recovered by optimization, see --recovery-steps)");
            }
            pw.println("grid: " + target);
        }
        return 0;
    }
}
