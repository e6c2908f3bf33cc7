package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.NpyArray;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.model.LatentCodec;
import io.github.gen4j.train.LoadedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gen4j decode RUN LATENT.npy}: the image(s) of latent vectors, as a PNG. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode latent vectors (a float32 .npy of shape (D) or (N, D), e.g. from `gen4j encode`) to a PNG.",
            "One latent gives one image; several give a grid."})
public final class DecodeCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Parameters(index = "1", paramLabel = "LATENT.npy", description = "float32 latents, D = C*H*W values each.")
    Path latent;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png", description = "Output (default: LATENT with .png instead of .npy).")
    Path out;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K", description = "Class to decode with (class-conditional models).")
    int classLabel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : LatentFiles.sibling(latent, ".png");
        if (!target.getFileName().toString().toLowerCase().endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: '" + target + "' must end in .png");
        }
        NpyArray a = Npy.read(latent);
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            LatentCodec codec = LatentFiles.codec(model);
            int dim = codec.latentDim();
            if (a.float32() == null) {
                throw new IllegalArgumentException(latent + ": expected float32 ('<f4') latents, got " + a.descr());
            }
            if (a.count() == 0 || a.count() % dim != 0) {
                throw new IllegalArgumentException(latent + ": shape " + a.shapeString() + " holds " + a.count()
                        + " values, expected N x " + dim + " (this model's latent size)");
            }
            int n = (int) (a.count() / dim);
            var d = model.config().data();
            try (NDManager m = model.manager().newSubManager()) {
                NDArray z = m.create(a.float32(), new Shape(n, dim));
                float[] x = codec.decode(m, z, LatentFiles.labels(m, model, classLabel, n)).toFloatArray();
                if (n == 1) {
                    PngImages.write(target, ImageOps.toUint8(x, x.length, 0f, 1f), d.channels(), d.height(), d.width());
                } else {
                    int cols = (int) Math.ceil(Math.sqrt(n));
                    ImageGrid.write(target, x, n, d.channels(), d.height(), d.width(), (n + cols - 1) / cols, cols, 2,
                            0f, 1f);
                }
            }
            pw.printf("%d latent%s -> %s%n", n, n == 1 ? "" : "s", target);
        }
        return 0;
    }
}
