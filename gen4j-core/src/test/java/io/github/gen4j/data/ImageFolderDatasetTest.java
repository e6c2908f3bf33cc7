package io.github.gen4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.data.ImageFolderOptions.OnBadFile;
import io.github.gen4j.io.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir Path dir;
    final List<String> warnings = new ArrayList<>();

    ImageFolderOptions opts() {
        return ImageFolderOptions.defaults().withWarnings(warnings::add);
    }

    /** A w x h image of one color, written in the given ImageIO format. */
    static Path image(Path file, int type, int w, int h, int rgb, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new AssertionError("no writer for " + format);
        }
        return file;
    }

    void mixedFolder() throws IOException {
        image(dir.resolve("a_rgb.png"), BufferedImage.TYPE_INT_RGB, 16, 12, 0xFF0000, "png");
        Path gray = dir.resolve("b_gray.png");
        BufferedImage g = new BufferedImage(16, 12, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(3, 4, 0, 100);
        ImageIO.write(g, "png", gray.toFile());
        image(dir.resolve("c_photo.jpg"), BufferedImage.TYPE_INT_RGB, 16, 12, 0x2060C0, "jpg");
        Files.writeString(dir.resolve("bad.png"), "not an image");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an image extension");
    }

    @Test
    void skipReportsBadFileAndLoadsTheRest() throws IOException {
        mixedFolder();
        ImageDataset ds = ImageFolderDataset.load(dir, opts());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("bad.png"), warnings.get(0));
        assertEquals("3x3x12x16", ds.shapeString()); // auto: one color image makes it RGB
        assertFalse(ds.hasLabels());
        // sorted order: a_rgb.png, b_gray.png, c_photo.jpg
        assertEquals(255, ds.pixel(0, 0, 0, 0));
        assertEquals(0, ds.pixel(0, 1, 0, 0));
        // the gray image is repeated in R, G and B, with its stored value kept exactly
        for (int c = 0; c < 3; c++) {
            assertEquals(100, ds.pixel(1, c, 4, 3));
        }
        assertTrue(Math.abs(ds.pixel(2, 2, 5, 5) - 0xC0) < 8, "JPEG blue ~192");
    }

    @Test
    void failThrowsNamingTheBadFile() throws IOException {
        mixedFolder();
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> ImageFolderDataset.load(dir, opts().withOnBadFile(OnBadFile.FAIL)));
        assertEquals(
                dir.resolve("bad.png") + ": not a readable image (expected PNG, JPEG, GIF or BMP data)",
                e.getMessage());
    }

    @Test
    void resizeAndCropToGrayscale8x8() throws IOException {
        mixedFolder();
        ImageDataset ds = ImageFolderDataset.load(dir, opts().withSize(8).withChannels(1));
        assertEquals("3x1x8x8", ds.shapeString());
        assertEquals(76, ds.pixel(0, 0, 4, 4)); // pure red -> luminance 0.299 * 255
    }

    @Test
    void classSubfoldersGiveLabels() throws IOException {
        image(dir.resolve("dog/1.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0xFFFFFF, "png");
        image(dir.resolve("cat/x/2.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0x000000, "png");
        image(dir.resolve("cat/1.bmp"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0x000000, "bmp");
        ImageDataset ds = ImageFolderDataset.load(dir, opts());
        assertEquals(List.of("cat", "dog"), ds.classNames());
        assertEquals("3x1x4x4", ds.shapeString()); // all gray -> 1 channel
        // order: cat/1.bmp, cat/x/2.png, dog/1.png
        assertEquals(0, ds.label(0));
        assertEquals(0, ds.label(1));
        assertEquals(1, ds.label(2));
        assertEquals(255, ds.pixel(2, 0, 0, 0));
    }

    @Test
    void imageAtTopLevelMeansUnlabelled() throws IOException {
        image(dir.resolve("dog/1.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0, "png");
        image(dir.resolve("top.gif"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0, "gif");
        assertFalse(ImageFolderDataset.load(dir, opts()).hasLabels());
    }

    @Test
    void emptyOrAllBadFolderIsAnError() throws IOException {
        DataException e = assertThrows(DataException.class, () -> ImageFolderDataset.load(dir, opts()));
        assertTrue(e.getMessage().startsWith(dir + ": no readable images found"), e.getMessage());
        Files.writeString(dir.resolve("bad.png"), "not an image");
        DataException f = assertThrows(DataException.class, () -> ImageFolderDataset.load(dir, opts()));
        assertTrue(f.getMessage().endsWith("1 unreadable files skipped)"), f.getMessage());
    }

    @Test
    void differentSizesNeedASize() throws IOException {
        image(dir.resolve("a.png"), BufferedImage.TYPE_INT_RGB, 4, 4, 0, "png");
        image(dir.resolve("b.png"), BufferedImage.TYPE_INT_RGB, 6, 4, 0, "png");
        DataException e = assertThrows(DataException.class, () -> ImageFolderDataset.load(dir, opts()));
        assertTrue(e.getMessage().startsWith(dir.resolve("b.png") + ": image is 6x4 but"), e.getMessage());
        assertEquals("2x1x4x4", ImageFolderDataset.load(dir, opts().withSize(4)).shapeString());
    }

    @Test
    void classWithoutReadableImagesIsDroppedWithAWarningNamingIt() throws IOException {
        image(dir.resolve("cat/1.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0, "png");
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken/1.png"), "not an image");
        image(dir.resolve("dog/1.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0xFFFFFF, "png");
        ImageDataset ds = ImageFolderDataset.load(dir, opts());
        assertEquals(List.of("cat", "dog"), ds.classNames());
        assertEquals(0, ds.label(0));
        assertEquals(1, ds.label(1)); // renumbered: "broken" was class 1 before it was dropped
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("skipping "), warnings.get(0)); // the caller adds "warning: "
        assertTrue(warnings.get(1).contains("class 'broken' dropped"), warnings.get(1));
    }

    @Test
    void imagesOverThePixelLimitAreSkippedOrFail() throws IOException {
        image(dir.resolve("small.png"), BufferedImage.TYPE_BYTE_GRAY, 4, 4, 0, "png");
        image(dir.resolve("large.png"), BufferedImage.TYPE_BYTE_GRAY, 8, 8, 0, "png");
        ImageDataset ds = ImageFolderDataset.load(dir, opts().withMaxPixels(16));
        assertEquals(1, ds.size());
        assertTrue(warnings.get(0).contains("large.png: image is 8x8 = 64 pixels, over the limit of 16"),
                warnings.get(0));
        DataException e = assertThrows(DataException.class, () -> ImageFolderDataset.load(dir,
                opts().withMaxPixels(16).withOnBadFile(OnBadFile.FAIL)));
        assertTrue(e.getMessage().contains("large.png"), e.getMessage());
    }
}
