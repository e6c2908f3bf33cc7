package io.github.gen4j.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Small valid image files of every format and pixel type the image readers accept, for fuzz tests. */
public final class EncodedImages {

    /** Where a PNG's IHDR data starts (after the 8-byte signature, the chunk length and type). */
    public static final int IHDR_DATA = 16;

    private EncodedImages() {}

    /** A valid image file: its format ("png", "jpg", "gif" or "bmp"), size and bytes. */
    public record Encoded(String format, int width, int height, byte[] bytes) {
        @Override
        public String toString() {
            return "Encoded[" + format + " " + width + "x" + height + ", " + bytes.length + " bytes]";
        }
    }

    private static final List<Integer> TYPES = List.of(
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED);

    /** Images of 1 to 12 pixels a side with random pixels, in a random format and pixel type. */
    public static Arbitrary<Encoded> images() {
        Arbitrary<Integer> side = Arbitraries.integers().between(1, 12);
        return Combinators.combine(side, side, Arbitraries.of(TYPES), Arbitraries.of("png", "jpg", "gif", "bmp"),
                        Arbitraries.longs())
                .as(EncodedImages::encode);
    }

    /** PNG images only. */
    public static Arbitrary<Encoded> pngs() {
        return images().map(e -> e.format().equals("png") ? e : reencodeAsPng(e));
    }

    private static Encoded reencodeAsPng(Encoded e) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(e.bytes()));
            return new Encoded("png", e.width(), e.height(), write(img, "png"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Encoded encode(int w, int h, int type, String format, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt());
            }
        }
        byte[] bytes = write(img, format);
        if (bytes == null) { // no writer for this format and pixel type (e.g. BMP with alpha): PNG
            return new Encoded("png", w, h, write(img, "png"));
        }
        return new Encoded(format, w, h, bytes);
    }

    private static byte[] write(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ImageIO.write(img, format, out) && out.size() > 0 ? out.toByteArray() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file with its header's width and height set to {@code w} and {@code h} (the data unchanged): the
     * PNG IHDR (CRC recomputed), the BMP info header, the GIF screen and first image descriptor, the JPEG
     * frame header. Values that do not fit the format's field are cut to it, as a corrupt file would be.
     */
    public static byte[] withDeclaredSize(Encoded e, int w, int h) {
        byte[] out = e.bytes().clone();
        ByteBuffer be = ByteBuffer.wrap(out);
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        switch (e.format()) {
            case "png" -> {
                be.putInt(IHDR_DATA, w).putInt(IHDR_DATA + 4, h);
                return fixPngCrcs(out);
            }
            case "bmp" -> le.putInt(18, w).putInt(22, h);
            case "gif" -> {
                le.putShort(6, (short) w).putShort(8, (short) h);
                int p = 13 + ((out[10] & 0x80) != 0 ? 3 << ((out[10] & 7) + 1) : 0); // after the global palette
                while (p < out.length && out[p] == 0x21) { // extension blocks: label, then sub-blocks
                    p += 2;
                    while (p < out.length && out[p] != 0) {
                        p += (out[p] & 0xFF) + 1;
                    }
                    p++;
                }
                if (p + 9 <= out.length && out[p] == 0x2C) {
                    le.putShort(p + 5, (short) w).putShort(p + 7, (short) h);
                }
            }
            default -> { // jpg: the first start-of-frame marker FF C0..C2
                for (int i = 2; i + 9 <= out.length; i++) {
                    if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) >= 0xC0 && (out[i + 1] & 0xFF) <= 0xC2) {
                        be.putShort(i + 5, (short) h).putShort(i + 7, (short) w);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Recomputes the CRC of every PNG chunk whose length field fits the file, so that an edit reaches the
     * decoder instead of being caught as a checksum error.
     */
    public static byte[] fixPngCrcs(byte[] png) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        int p = 8;
        while (p + 12 <= out.length) {
            int len = b.getInt(p);
            if (len < 0 || len > out.length - p - 12) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(out, p + 4, 4 + len);
            b.putInt(p + 8 + len, (int) crc.getValue());
            p += 12 + len;
        }
        return out;
    }
}
