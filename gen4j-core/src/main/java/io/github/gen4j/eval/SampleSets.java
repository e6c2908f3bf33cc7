package io.github.gen4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.io.DataException;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.NpyArray;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.SampleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Where sample sets come from: a model (timed, so sampling speed is measured on the same run), a
 * {@code .npy} file or a folder of images written by any tool. Samples are quantized to 8 bits, as an
 * image file would store them, so a model's samples and the same samples saved by {@code gen4j sample}
 * give the same metrics.
 */
public final class SampleSets {

    private SampleSets() {}

    /**
     * Generated samples.
     *
     * @param images the samples, 8-bit
     * @param requested the class asked for each sample (conditional models), or null
     * @param msPerImage wall-clock sampling time per image, including the copy to the host
     */
    public record Generated(ImageDataset images, int[] requested, double msPerImage) {

        public double imagesPerSecond() {
            return 1000 / msPerImage;
        }
    }

    /**
     * Draws {@code n} samples from {@code g} in batches, seeded; a conditional model gets an equal share of
     * every class (class k asked for explicitly, so the conditional accuracy can be measured).
     */
    public static Generated generate(ImageGenerator g, NDManager parent, int n, int channels, int size,
            int batchSize, SampleOptions options, long seed, IntConsumer progress) {
        int d = channels * size * size;
        byte[] px = new byte[n * d];
        int k = g.numClasses();
        int[] requested = k > 0 ? new int[n] : null;
        Gen4j.engine().setRandomSeed((int) (seed & 0x7FFFFFFF));
        long t0 = System.nanoTime();
        int done = 0;
        for (int cls = 0; cls < Math.max(1, k); cls++) {
            int share = k > 0 ? n / k + (cls < n % k ? 1 : 0) : n;
            // a class request means the conditional model: guidance 1 for diffusion (other families ignore it)
            SampleOptions o = k > 0
                    ? options.withClass(cls).withGuidance(options.guidance() > 0 ? options.guidance() : 1)
                    : options;
            for (int from = 0; from < share; from += batchSize) {
                int b = Math.min(batchSize, share - from);
                try (NDManager m = parent.newSubManager()) {
                    NDArray x = g.generate(m, b, o); // (b, C, S, S) in [0, 1]
                    float[] f = x.toFloatArray();
                    System.arraycopy(ImageOps.toUint8(f, f.length, 0f, 1f), 0, px, done * d, b * d);
                }
                if (requested != null) {
                    java.util.Arrays.fill(requested, done, done + b, cls);
                }
                done += b;
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        ImageDataset images = new ImageDataset("generated samples", px, n, channels, size, size, null, List.of());
        return new Generated(images, requested, ms);
    }

    /**
     * Reads samples from a {@code .npy} file: uint8 0..255 or float32 in [0, 1], shaped (N, C, H, W),
     * (N, H, W, C) with C = 1 or 3, or (N, H, W).
     */
    public static ImageDataset fromNpy(Path file) {
        NpyArray a = Npy.read(file);
        int[] s = a.shape();
        int n;
        int c;
        int h;
        int w;
        boolean channelsLast = false;
        if (s.length == 3) {
            n = s[0];
            c = 1;
            h = s[1];
            w = s[2];
        } else if (s.length == 4 && (s[1] == 1 || s[1] == 3)) {
            n = s[0];
            c = s[1];
            h = s[2];
            w = s[3];
        } else if (s.length == 4 && (s[3] == 1 || s[3] == 3)) {
            n = s[0];
            h = s[1];
            w = s[2];
            c = s[3];
            channelsLast = true;
        } else {
            throw new DataException(file + ": samples must be shaped (N, C, H, W), (N, H, W, C) with C = 1 or 3, or"
                    + " (N, H, W); got " + a.shapeString());
        }
        byte[] px = a.uint8() != null ? a.uint8() : unitFloatsToBytes(file, a.float32());
        if (channelsLast) {
            px = toChannelsFirst(px, n, h, w, c);
        }
        return new ImageDataset("samples from " + file, px, n, c, h, w, null, List.of());
    }

    /** Reads every image under a folder (PNG, JPEG, ...), converted to {@code channels} and {@code size}. */
    public static ImageDataset fromFolder(Path dir, int channels, int size) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a directory of images");
        }
        ImageDataset d = ImageFolderDataset.load(dir, new ImageFolderOptions(channels, size,
                ImageFolderOptions.OnBadFile.FAIL, msg -> { }));
        return new ImageDataset("samples from folder " + dir, pixels(d), d.size(), d.channels(), d.height(),
                d.width(), null, List.of());
    }

    /** Requested classes of external samples: a uint8 (N) {@code .npy}, each below {@code numClasses}. */
    public static int[] labelsFromNpy(Path file, int count, int numClasses) {
        NpyArray a = Npy.read(file);
        if (a.uint8() == null || a.shape().length != 1 || a.shape()[0] != count) {
            throw new DataException(file + ": expected uint8 class labels shaped (" + count + ",), got " + a.descr()
                    + " " + a.shapeString());
        }
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            l[i] = a.uint8()[i] & 0xFF;
            if (l[i] >= numClasses) {
                throw new DataException(file + ": label " + l[i] + " of sample " + i + " is not below " + numClasses);
            }
        }
        return l;
    }

    private static byte[] unitFloatsToBytes(Path file, float[] f) {
        for (float v : f) {
            if (!(v >= -1e-3f && v <= 1.001f)) {
                throw new DataException(file + ": float32 samples must lie in [0, 1] (found " + v
                        + "); map [-1, 1] outputs with (x + 1) / 2, or save uint8 0..255");
            }
        }
        return ImageOps.toUint8(f, f.length, 0f, 1f);
    }

    private static byte[] toChannelsFirst(byte[] hwc, int n, int h, int w, int c) {
        byte[] out = new byte[hwc.length];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        out[((i * c + ch) * h + y) * w + x] = hwc[((i * h + y) * w + x) * c + ch];
                    }
                }
            }
        }
        return out;
    }

    private static byte[] pixels(ImageDataset d) {
        byte[] px = new byte[d.size() * d.imageSize()];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, px, i * d.imageSize());
        }
        return px;
    }
}
