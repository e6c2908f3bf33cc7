package io.github.gen4j.image;

import io.github.gen4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Animated GIFs with the JDK's GIF writer: one frame per image, a fixed delay, looping forever (the
 * NETSCAPE2.0 application extension, which every browser honours). Written atomically.
 */
public final class AnimatedGif {

    private AnimatedGif() {}

    /**
     * Writes N x C x H x W unsigned-byte frames (C = 1 or 3), each enlarged {@code scale} times by pixel
     * replication (28x28 frames are too small to see), shown {@code delayMs} each (GIF stores hundredths
     * of a second).
     */
    public static void write(Path gif, byte[] frames, int n, int channels, int h, int w, int scale, int delayMs)
            throws IOException {
        List<BufferedImage> images = frames(frames, n, channels, h, w, scale, delayMs);
        write(gif, images, delayMs);
    }

    /** Writes the frames of {@link #write(Path, byte[], int, int, int, int, int, int)} to a stream. */
    public static void write(OutputStream out, byte[] frames, int n, int channels, int h, int w, int scale,
            int delayMs) throws IOException {
        write(out, frames(frames, n, channels, h, w, scale, delayMs), delayMs);
    }

    private static List<BufferedImage> frames(byte[] frames, int n, int channels, int h, int w, int scale,
            int delayMs) {
        if (n <= 0 || scale <= 0 || delayMs < 0 || (long) n * channels * h * w > frames.length) {
            throw new IllegalArgumentException("bad GIF: " + n + " frames of " + channels + "x" + h + "x" + w
                    + " in " + frames.length + " bytes, scale " + scale + ", delay " + delayMs + " ms");
        }
        List<BufferedImage> images = new java.util.ArrayList<>();
        int size = channels * h * w;
        for (int i = 0; i < n; i++) {
            BufferedImage img = ImageOps.fromChw(frames, i * size, channels, h, w);
            images.add(scale == 1 ? img : enlarge(img, scale));
        }
        return images;
    }

    /** Writes the images (all the same size and type) as an animation. */
    public static void write(Path gif, List<BufferedImage> images, int delayMs) throws IOException {
        AtomicFiles.write(gif, out -> write(out, images, delayMs));
    }

    /** Writes the images (all the same size and type) as an animation to a stream (left open). */
    public static void write(OutputStream out, List<BufferedImage> images, int delayMs) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < images.size(); i++) {
                BufferedImage img = images.get(i);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img),
                        param);
                animate(meta, delayMs, i == 0);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Sets the frame delay and, on the first frame, the loop-forever extension. */
    private static void animate(IIOMetadata meta, int delayMs, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMs / 10f))));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever (little endian)
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Pixel replication on the raster (no colour conversion, so gray levels are kept exactly). */
    private static BufferedImage enlarge(BufferedImage src, int k) {
        BufferedImage out = new BufferedImage(src.getWidth() * k, src.getHeight() * k, src.getType());
        java.awt.image.WritableRaster in = src.getRaster();
        java.awt.image.WritableRaster dst = out.getRaster();
        int[] px = new int[in.getNumBands()];
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                dst.setPixel(x, y, in.getPixel(x / k, y / k, px));
            }
        }
        return out;
    }
}
