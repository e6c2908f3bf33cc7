package io.github.gen4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.data.Batch;
import io.github.gen4j.family.Runs;
import io.github.gen4j.image.ChwImage;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.model.LatentCodec;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.train.LoadedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gen4j encode RUN IMAGE}: the model's latent of one image, as a float32 .npy. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode an image to the model's latent vector (exact and invertible for a flow).",
            "Writes a float32 .npy of shape (1, D); `gen4j decode RUN FILE.npy` turns it back into the image."})
public final class EncodeCommand implements Callable<Integer> {

    @Mixin RunOptions runOpts;
    @Mixin CommonOptions common;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "A PNG/JPEG/GIF/BMP image; resized and center-cropped to the model's size.")
    Path image;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.npy", description = "Output (default: IMAGE with .npy instead of its extension).")
    Path out;

    @Option(names = "--class", defaultValue = "-1", paramLabel = "K", description = "The image's class (class-conditional models).")
    int classLabel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : LatentFiles.sibling(image, ".npy");
        if (!target.getFileName().toString().toLowerCase().endsWith(".npy")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: '" + target + "' must end in .npy");
        }
        PrintWriter pw = spec.commandLine().getOut();
        try (LoadedRun model = Runs.load(runOpts.run, runOpts.checkpoint, common.device())) {
            LatentCodec codec = LatentFiles.codec(model);
            var d = model.config().data();
            ChwImage img = PngImages.read(image, d.channels(), d.height());
            if (img.height() != d.height() || img.width() != d.width()) {
                throw new IllegalArgumentException(image + ": image is " + img.height() + "x" + img.width()
                        + " after cropping, the model needs " + d.height() + "x" + d.width());
            }
            try (NDManager m = model.manager().newSubManager()) {
                float[] px = new float[img.chw().length];
                for (int i = 0; i < px.length; i++) {
                    px[i] = img.chw()[i] & 0xFF;
                }
                NDArray raw = m.create(px, new Shape(1, d.channels(), d.height(), d.width()));
                NDArray labels = LatentFiles.labels(m, model, classLabel, 1);
                float[] z = codec.encode(m, raw, labels).toFloatArray();
                Npy.writeFloat32(target, z, 1, z.length);
                double sq = 0;
                for (float v : z) {
                    sq += v * v;
                }
                pw.printf("latent of %s: %d values, |z|/sqrt(D) = %.4f -> %s%n", image.getFileName(), z.length,
                        Math.sqrt(sq / z.length), target);
                if (model.task() instanceof LikelihoodModel lm) {
                    Map<String, Double> b = lm.bitsPerDimSum(m, new Batch(raw, labels), 8);
                    b.forEach((k, v) -> pw.printf("  %-10s %.4f%n", k, v));
                }
            }
        }
        return 0;
    }
}
