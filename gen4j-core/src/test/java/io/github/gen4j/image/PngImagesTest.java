package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngImagesTest {

    @TempDir Path dir;

    @Test
    void grayRoundTripIsExact() throws IOException {
        byte[] chw = new byte[3 * 5];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (byte) (i * 17); // includes mid grays, where a gamma conversion would show
        }
        Path f = dir.resolve("g.png");
        PngImages.write(f, chw, 1, 3, 5);
        ChwImage back = PngImages.read(f, 0, 0);
        assertEquals(1, back.channels());
        assertEquals(3, back.height());
        assertEquals(5, back.width());
        assertArrayEquals(chw, back.chw());
    }

    @Test
    void rgbRoundTripAndLuminance() throws IOException {
        int h = 2, w = 2;
        byte[] chw = new byte[3 * h * w];
        chw[0] = (byte) 255; // pixel 0 red
        chw[h * w + 1] = (byte) 255; // pixel 1 green
        Path f = dir.resolve("c.png");
        PngImages.write(f, chw, 3, h, w);
        ChwImage rgb = PngImages.read(f, 0, 0);
        assertEquals(3, rgb.channels());
        assertArrayEquals(chw, rgb.chw());
        ChwImage y = PngImages.read(f, 1, 0);
        assertArrayEquals(new byte[] {76, (byte) 150, 0, 0}, y.chw()); // 0.299*255, 0.587*255
    }

    @Test
    void alphaIsCompositedOnWhite() throws IOException {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0x80000000); // half transparent black
        Path f = dir.resolve("a.png");
        ImageIO.write(argb, "png", f.toFile());
        ChwImage img = PngImages.read(f, 1, 0);
        assertEquals(255, img.chw()[0] & 0xFF);
        assertEquals(127, img.chw()[1] & 0xFF); // 255 * (1 - 128/255)
    }

    @Test
    void resizeShorterSideThenCenterCrop() throws IOException {
        // 32 x 16 (w x h): left quarter black, middle half white, right quarter black.
        BufferedImage src = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 8; x < 24; x++) {
                src.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path f = dir.resolve("wide.png");
        ImageIO.write(src, "png", f.toFile());
        ChwImage img = PngImages.read(f, 0, 8);
        assertEquals(8, img.height());
        assertEquals(8, img.width());
        assertEquals(1, img.channels());
        // The centered 16x16 square is all white, so the crop must be too.
        for (byte b : img.chw()) {
            assertEquals(255, b & 0xFF);
        }
        ChwImage up = PngImages.read(f, 3, 40);
        assertEquals(3 * 40 * 40, up.chw().length);
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "not an image");
        DataException e = assertThrows(DataException.class, () -> PngImages.read(bad, 0, 0));
        assertEquals(bad + ": not a readable image (expected PNG, JPEG, GIF or BMP data)", e.getMessage());

        Path truncated = dir.resolve("cut.png");
        PngImages.write(truncated, new byte[64 * 64], 1, 64, 64);
        byte[] all = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 2));
        DataException t = assertThrows(DataException.class, () -> PngImages.read(truncated, 0, 0));
        assertTrue(t.getMessage().startsWith(truncated + ": "), t.getMessage());
        assertEquals(-1, t.getMessage().indexOf('\n'));

        Path missing = dir.resolve("missing.png");
        assertThrows(DataException.class, () -> PngImages.read(missing, 0, 0));
    }
}
