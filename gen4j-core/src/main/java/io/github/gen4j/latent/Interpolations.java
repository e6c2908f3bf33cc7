package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.image.AnimatedGif;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Interpolation strips: decoded frames along a path between two points of a {@link LatentSpace}.
 *
 * <pre>
 * try (NDManager m = model.manager().newSubManager()) {
 *     LatentSpace space = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults());
 *     Strip s = Interpolations.strip(space, m, Point.seed(space, 1), Point.seed(space, 2), 8, Interpolation.SLERP);
 *     Interpolations.write(s, null, Path.of("strip.png"), Path.of("strip.gif"), 4, 150);
 * }
 * </pre>
 */
public final class Interpolations {

    private Interpolations() {}

    /**
     * A point of the latent space: a latent z (D) and the class weights (K) it is decoded with (null for
     * an unconditional model, or a conditional diffusion model's unconditional mode).
     */
    public record Point(float[] z, float[] classWeights) {

        /** The prior latent of {@code seed} (see {@link LatentSpace#seedLatent}), unconditional. */
        public static Point seed(LatentSpace space, long seed) {
            return new Point(space.seedLatent(seed), null);
        }

        /** The prior latent of {@code seed} decoded as class {@code k} (k < 0: unconditional). */
        public static Point seed(LatentSpace space, long seed, int k) {
            return new Point(space.seedLatent(seed), classWeights(space, k));
        }

        /** One-hot weights of class k for a conditional space, null for k < 0. */
        public static float[] classWeights(LatentSpace space, int k) {
            if (k < 0) {
                return null;
            }
            if (k >= space.numClasses()) {
                throw new IllegalArgumentException("class " + k + ": the model has " + space.numClasses()
                        + " classes" + (space.numClasses() == 0 ? " (it is unconditional)" : ""));
            }
            float[] w = new float[space.numClasses()];
            w[k] = 1;
            return w;
        }
    }

    /**
     * Decoded frames of one path.
     *
     * @param frames (steps, C, S, S) images in [0, 1], row-major
     * @param latents (steps, D) the latents that were decoded
     */
    public record Strip(float[] frames, float[] latents, int steps, int channels, int size, Interpolation mode) {}

    /**
     * Encodes raw images (N, C, S, S) 0..255 to points, each decoded with its own class {@code labels}
     * (N) for a conditional model (null: unconditional).
     */
    public static Point[] encode(LatentSpace space, NDManager m, float[] raw, int n, int[] labels) {
        int c = space.channels();
        int s = space.imageSize();
        try (NDManager sub = m.newSubManager()) {
            NDArray x = sub.create(raw, new Shape(n, c, s, s));
            NDArray cond = space.numClasses() > 0 ? LatentSpaces.oneHot(sub, labels, space.numClasses()) : null;
            float[] z = space.encode(sub, x, cond).toFloatArray();
            Point[] out = new Point[n];
            int d = space.dim();
            for (int i = 0; i < n; i++) {
                out[i] = new Point(java.util.Arrays.copyOfRange(z, i * d, (i + 1) * d),
                        labels == null ? null : Point.classWeights(space, labels[i]));
            }
            return out;
        }
    }

    /**
     * A strip between two real images.
     *
     * @param strip the decoded path between the two encoded images
     * @param originals the two images, (2, C, S, S) in [0, 1], to frame the strip with
     * @param endMse per end (2): the pixel MSE ([0, 1] scale) of the strip's end frame against its image,
     *     how faithfully the family's encoding reproduces a real image
     */
    public record ImageStrip(Strip strip, float[] originals, double[] endMse) {

        /** The PSNR (dB) of end {@code i} (0 or 1) against its image. */
        public double endPsnr(int i) {
            return ImageOps.psnr(endMse[i]);
        }
    }

    /**
     * Encodes two raw images (2, C, S, S) 0..255, each with its class {@code labels} (2) for a conditional
     * model (null: unconditional), and decodes the strip between them.
     */
    public static ImageStrip betweenImages(LatentSpace space, NDManager m, float[] raw, int[] labels, int steps,
            Interpolation mode) {
        Point[] p = encode(space, m, raw, 2, labels);
        Strip s = strip(space, m, p[0], p[1], steps, mode);
        float[] originals = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            originals[i] = raw[i] / 255f;
        }
        int n = s.channels() * s.size() * s.size();
        double[] mse = {ImageOps.mse(s.frames(), 0, originals, 0, n),
            ImageOps.mse(s.frames(), (steps - 1) * n, originals, n, n)};
        return new ImageStrip(s, originals, mse);
    }

    /**
     * The strip from {@code from} to {@code to}: latents along {@code mode}, class weights linearly (so a
     * strip between two classes of a conditional model morphs the class), all frames decoded in one batch.
     * The first and last latents are exactly the endpoints.
     */
    public static Strip strip(LatentSpace space, NDManager m, Point from, Point to, int steps, Interpolation mode) {
        if ((from.classWeights() == null) != (to.classWeights() == null)) {
            throw new IllegalArgumentException("both ends need a class, or neither");
        }
        float[] z = mode.path(from.z(), to.z(), steps);
        float[] w = null;
        if (from.classWeights() != null) {
            w = Interpolation.LERP.path(from.classWeights(), to.classWeights(), steps);
        }
        return new Strip(decode(space, m, z, w, steps), z, steps, space.channels(), space.imageSize(), mode);
    }

    /** Decodes latents (n, D) with class weights (n, K) or null; returns (n, C, S, S) in [0, 1]. */
    public static float[] decode(LatentSpace space, NDManager m, float[] z, float[] weights, int n) {
        try (NDManager sub = m.newSubManager()) {
            NDArray zs = sub.create(z, new Shape(n, space.dim()));
            NDArray cond = weights == null ? null : sub.create(weights, new Shape(n, space.numClasses()));
            return space.decode(sub, zs, cond).toFloatArray();
        }
    }

    /**
     * Writes the strip as one PNG row (framed by the two original images when {@code originals} holds
     * them, (2, C, S, S) in [0, 1]) and, if {@code gif} is not null, as an animated GIF going there and back,
     * each frame enlarged {@code scale} times and shown {@code delayMs}.
     */
    public static void write(Strip s, float[] originals, Path png, Path gif, int scale, int delayMs)
            throws IOException {
        if (png != null) {
            PngImages.write(png, stripImage(s, originals));
        }
        if (gif != null) {
            AtomicFiles.write(gif, out -> writeGif(s, out, scale, delayMs));
        }
    }

    /** The strip as one row of frames, framed by the two original images when {@code originals} holds them. */
    public static BufferedImage stripImage(Strip s, float[] originals) {
        int d = s.channels() * s.size() * s.size();
        int n = s.steps() + (originals != null ? 2 : 0);
        float[] row = new float[n * d];
        if (originals != null) {
            System.arraycopy(originals, 0, row, 0, d);
            System.arraycopy(s.frames(), 0, row, d, s.steps() * d);
            System.arraycopy(originals, d, row, (n - 1) * d, d);
        } else {
            System.arraycopy(s.frames(), 0, row, 0, s.steps() * d);
        }
        byte[] u8 = ImageOps.toUint8(row, n * d, 0f, 1f);
        return ImageGrid.render(u8, n, s.channels(), s.size(), s.size(), 1, n, 2);
    }

    /** Frame {@code k} of the strip as an image at the model's size. */
    public static BufferedImage frameImage(Strip s, int k) {
        int d = s.channels() * s.size() * s.size();
        byte[] u8 = ImageOps.toUint8(java.util.Arrays.copyOfRange(s.frames(), k * d, (k + 1) * d), d, 0f, 1f);
        return ImageOps.fromChw(u8, 0, s.channels(), s.size(), s.size());
    }

    /**
     * Writes the strip as an animated GIF going there and back (frames 0..N-1, then N-2..1, so the loop has
     * no jump), each frame enlarged {@code scale} times and shown {@code delayMs}.
     */
    public static void writeGif(Strip s, OutputStream out, int scale, int delayMs) throws IOException {
        int d = s.channels() * s.size() * s.size();
        int frames = Math.max(1, 2 * s.steps() - 2);
        byte[] u8 = ImageOps.toUint8(s.frames(), s.steps() * d, 0f, 1f);
        byte[] loop = new byte[frames * d];
        for (int k = 0; k < frames; k++) {
            int src = k < s.steps() ? k : 2 * s.steps() - 2 - k;
            System.arraycopy(u8, src * d, loop, k * d, d);
        }
        AnimatedGif.write(out, loop, frames, s.channels(), s.size(), s.size(), scale, delayMs);
    }
}
