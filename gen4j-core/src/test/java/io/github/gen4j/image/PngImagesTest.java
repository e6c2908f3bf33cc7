package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import io.github.gen4j.testing.EncodedImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
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

    /**
     * A PNG that declares {@code w x h} 8-bit gray pixels but holds one tiny IDAT chunk: what a
     * decompression bomb looks like from its header (a real 40000x40000 one is 1.5 MB of zlib data).
     */
    static byte[] declaredPng(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 0, 0, 0, 0}); // bit depth 8, gray, deflate, adaptive filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() throws IOException {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, declaredPng(40000, 40000));
        DataException e = assertThrows(DataException.class, () -> PngImages.read(bomb, 1, 0));
        assertTrue(e.getMessage().startsWith(bomb + ": image is 40000x40000 = 1600000000 pixels, over the limit"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--max-pixels"), e.getMessage());
    }

    @Test
    void pixelLimitIsInclusive() throws IOException {
        Path png = dir.resolve("ten.png");
        PngImages.write(png, new byte[100], 1, 10, 10);
        assertEquals(10, PngImages.readRgb(png, 100).getWidth());
        DataException e = assertThrows(DataException.class, () -> PngImages.readRgb(png, 99));
        assertTrue(e.getMessage().contains("10x10 = 100 pixels, over the limit of 99"), e.getMessage());
    }

    /**
     * Found by PngImagesFuzzTest: a 69-byte PNG declaring 7000x7000 pixels (under the default limit) made the
     * decoder allocate its raster before failing, and a 4x4 JPEG whose frame header says 7000x7000 decoded to a
     * 7000x7000 image (the JPEG decoder fills missing data in): about 470 MB for 300 bytes.
     */
    @Test
    void aHeaderDeclaringMorePixelsThanTheFileCanHoldIsRefusedBeforeDecoding() throws IOException {
        Path png = Files.write(dir.resolve("lying.png"), declaredPng(7000, 7000));
        DataException e = assertThrows(DataException.class, () -> PngImages.read(png, 0, 0));
        assertTrue(e.getMessage().startsWith(png + ": image header declares 7000x7000 pixels, more than a file of "),
                e.getMessage());

        Path jpg = dir.resolve("lying.jpg");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpg", jpg.toFile());
        Files.write(jpg, EncodedImages.withDeclaredSize(
                new EncodedImages.Encoded("jpg", 4, 4, Files.readAllBytes(jpg)), 7000, 7000));
        DataException j = assertThrows(DataException.class, () -> PngImages.read(jpg, 0, 0));
        assertTrue(j.getMessage().contains("declares 7000x7000 pixels"), j.getMessage());
    }

    /** The bound is deflate's best ratio on 1-bit pixels: a blank 1-bit PNG, as compressible as PNGs get, loads. */
    @Test
    void theMostCompressiblePngStillLoads() throws IOException {
        Path png = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(3000, 3000, BufferedImage.TYPE_BYTE_BINARY), "png", png.toFile());
        assertTrue(Files.size(png) * 1000 < 3000 * 3000, Files.size(png) + " bytes"); // over 1000 pixels a byte
        assertEquals(3000, PngImages.readRgb(png, PngImages.DEFAULT_MAX_PIXELS).getWidth());
    }

    @Test
    void bytesAreDecodedWithTheChecksOfFiles() throws IOException {
        DataException bomb = assertThrows(DataException.class,
                () -> PngImages.read(declaredPng(40000, 40000), "upload", 1, 28, 1_000_000));
        assertEquals("upload: image is 40000x40000 = 1600000000 pixels, over the limit of 1000000 (--max-pixels);"
                + " not decoded", bomb.getMessage());
        assertEquals("upload: not a readable image (expected PNG, JPEG, GIF or BMP data)", assertThrows(
                DataException.class, () -> PngImages.readRgb("not an image".getBytes(StandardCharsets.US_ASCII),
                        "upload", 100)).getMessage());
        Path png = dir.resolve("noise.png");
        byte[] pixels = new byte[64 * 64];
        new java.util.Random(1).nextBytes(pixels);
        PngImages.write(png, pixels, 1, 64, 64);
        byte[] all = Files.readAllBytes(png);
        DataException cut = assertThrows(DataException.class,
                () -> PngImages.readRgb(java.util.Arrays.copyOf(all, all.length / 2), "upload", 10_000));
        assertTrue(cut.getMessage().startsWith("upload: corrupt or unreadable image ("), cut.getMessage());
        assertEquals(-1, cut.getMessage().indexOf('\n'));

        ChwImage small = PngImages.read(all, "upload", 1, 16, 64 * 64);
        assertEquals(16, small.height());
        assertArrayEquals(PngImages.read(png, 1, 16).chw(), small.chw(), "bytes and file give the same pixels");
        assertEquals(small.chw()[5] & 0xFF, Math.round(small.unit()[5] * 255));
    }

    @Test
    void textChunksTravelWithThePixels() throws IOException {
        BufferedImage img = ImageOps.fromChw(new byte[] {0, 50, 100, (byte) 150, (byte) 200, (byte) 250}, 0, 1, 2, 3);
        java.util.Map<String, String> text = new java.util.LinkedHashMap<>();
        text.put("gen4j:seed", "42");
        text.put("gen4j:options", "{\"classLabel\":3,\"sampler\":\"dpm++2m\"}");
        byte[] png = PngImages.encode(img, text);
        assertEquals(text, PngImages.readText(png));
        BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertArrayEquals(ImageOps.toChw(ImageOps.toRgb(img), 1), ImageOps.toChw(ImageOps.toRgb(back), 1));
        assertEquals(java.util.Map.of(), PngImages.readText(PngImages.encode(img, java.util.Map.of())));
    }
}
