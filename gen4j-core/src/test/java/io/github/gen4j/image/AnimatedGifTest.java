package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimatedGifTest {

    @TempDir Path tmp;

    @Test
    void framesParseBackWithTheirPixelsDelayAndLoop() throws Exception {
        int n = 5;
        int h = 6;
        int w = 4;
        byte[] frames = new byte[n * h * w];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < h * w; i++) {
                frames[k * h * w + i] = (byte) (k * 50 + i % 3); // each frame its own gray level
            }
        }
        Path gif = tmp.resolve("a.gif");
        AnimatedGif.write(gif, frames, n, 1, h, w, 3, 120);
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(gif))) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(n, r.getNumImages(true));
            for (int k = 0; k < n; k++) {
                BufferedImage img = r.read(k);
                assertEquals(w * 3, img.getWidth());
                assertEquals(h * 3, img.getHeight());
                int gray = img.getRGB(3, 3) & 0xFF; // source pixel (1, 1): i = 5, i % 3 = 2
                assertEquals(k * 50 + 2, gray, 1, "frame " + k);
            }
            IIOMetadata meta = r.getImageMetadata(0);
            String tree = dump(meta.getAsTree(meta.getNativeMetadataFormatName()));
            assertTrue(tree.contains("delayTime=12"), tree);
            assertTrue(tree.contains("applicationID=NETSCAPE"), tree);
        }
    }

    private static String dump(org.w3c.dom.Node node) {
        StringBuilder sb = new StringBuilder(node.getNodeName());
        var attrs = node.getAttributes();
        for (int i = 0; attrs != null && i < attrs.getLength(); i++) {
            sb.append(' ').append(attrs.item(i).getNodeName()).append('=').append(attrs.item(i).getNodeValue());
        }
        for (var c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            sb.append('\n').append(dump(c));
        }
        return sb.toString();
    }
}
