package io.github.gen4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.DataException;
import io.github.gen4j.testing.EncodedImages;
import io.github.gen4j.testing.EncodedImages.Encoded;
import io.github.gen4j.testing.Fuzz;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link PngImages#readRgb} on PNG, JPEG, GIF and BMP files: an image of at most the pixel limit, or a
 * {@link DataException} naming the file; never another exception, a hang, or a decode of more pixels than
 * the limit or than the file can hold.
 */
class PngImagesFuzzTest {

    /** A small limit, besides the default one. */
    private static final long SMALL_LIMIT = 1 << 16;

    /**
     * Heap a decode may take per pixel the file can hold: about 10 bytes were measured for JPEG (its raster, the
     * RGB copy and the decoder's buffers).
     */
    private static final long BYTES_PER_PIXEL = 16;

    private static Path dir;

    @BeforeContainer
    static void createDir() {
        dir = Fuzz.tempDir("gen4j-png-fuzz");
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    private static BufferedImage read(String name, byte[] contents, long maxPixels) {
        Path f = Fuzz.write(dir.resolve(name), contents);
        long pixels = Math.min(maxPixels, contents.length * PngImages.MAX_PIXELS_PER_BYTE);
        BufferedImage img = Fuzz.outcome(f, DataException.class, Fuzz.MAX_ALLOCATED_BYTES + BYTES_PER_PIXEL * pixels,
                () -> PngImages.readRgb(f, maxPixels));
        if (img != null) {
            assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
            assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
            assertTrue((long) img.getWidth() * img.getHeight() <= pixels,
                    img.getWidth() + "x" + img.getHeight() + " over the limit or the file's capacity");
        }
        return img;
    }

    @Property(tries = 150)
    void randomBytes(@ForAll("bytes") byte[] contents, @ForAll("limits") long maxPixels) {
        read("random.png", contents, maxPixels);
    }

    @Provide
    Arbitrary<Long> limits() {
        return Arbitraries.of(SMALL_LIMIT, PngImages.DEFAULT_MAX_PIXELS);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        return Arbitraries.oneOf(Fuzz.bytes(64), Fuzz.bytes(64).map(b -> {
            byte[] out = new byte[signature.length + b.length];
            System.arraycopy(signature, 0, out, 0, signature.length);
            System.arraycopy(b, 0, out, signature.length, b.length);
            return out;
        }));
    }

    /** Any format, any pixel type, edited (for PNG, with the chunk CRCs recomputed or not). */
    @Property(tries = 250)
    void mutatedImages(@ForAll("images") Encoded image, @ForAll("edits") List<Fuzz.Mutation> edits,
            @ForAll boolean fixCrcs, @ForAll("limits") long maxPixels) {
        byte[] bytes = Fuzz.apply(edits, image.bytes());
        if (fixCrcs && image.format().equals("png")) {
            bytes = EncodedImages.fixPngCrcs(bytes);
        }
        read("mutated." + image.format(), bytes, maxPixels);
    }

    @Provide
    Arbitrary<Encoded> images() {
        return EncodedImages.images();
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> edits() {
        return Fuzz.mutations(64); // the signature and IHDR of a PNG, the headers of the others
    }

    /**
     * A PNG whose IHDR (width, height, bit depth, color type, compression, filter, interlace) is set to any
     * values, with a correct CRC: refused from the header when over the limit, decoded or refused otherwise.
     */
    @Property(tries = 150)
    void lyingPngHeader(@ForAll("pngs") Encoded png, @ForAll("sides") int width, @ForAll("sides") int height,
            @ForAll @IntRange(min = 0, max = 255) int depth, @ForAll @IntRange(min = 0, max = 255) int color,
            @ForAll @IntRange(min = 0, max = 3) int methods, @ForAll boolean keepDepthAndColor) {
        byte[] b = png.bytes().clone();
        ByteBuffer ihdr = ByteBuffer.wrap(b, EncodedImages.IHDR_DATA, 13).slice();
        ihdr.putInt(0, width).putInt(4, height);
        if (!keepDepthAndColor) {
            ihdr.put(8, (byte) depth).put(9, (byte) color);
        }
        ihdr.put(10, (byte) (methods & 1)).put(12, (byte) (methods >> 1));
        BufferedImage img = read("lying.png", EncodedImages.fixPngCrcs(b), SMALL_LIMIT);
        if (img != null) {
            assertEquals(width, img.getWidth());
            assertEquals(height, img.getHeight());
        }
    }

    /**
     * Any format whose header declares any size, under the default limit: a few hundred bytes declaring millions
     * of pixels are refused before the decoder allocates them (JPEG and GIF decoders would fill them in).
     */
    @Property(tries = 60)
    void lyingSizeUnderTheDefaultLimit(@ForAll("images") Encoded image, @ForAll("sides") int width,
            @ForAll("sides") int height) {
        BufferedImage img = read("lying." + image.format(), EncodedImages.withDeclaredSize(image, width, height),
                PngImages.DEFAULT_MAX_PIXELS);
        if (img != null && image.format().equals("png")) { // the others cut the size to their fields
            assertEquals(width, img.getWidth());
            assertEquals(height, img.getHeight());
        }
    }

    @Provide
    Arbitrary<Integer> sides() {
        return Arbitraries.oneOf(Fuzz.extremeInts(), Arbitraries.integers().between(1, 300),
                Arbitraries.integers().between(1000, 7071));
    }

    @Provide
    Arbitrary<Encoded> pngs() {
        return EncodedImages.pngs();
    }
}
