package io.github.gen4j.studio;

import static io.github.gen4j.studio.StudioClient.error;
import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploaded images the studio must refuse with a one-line 4xx and survive: bombs, truncated and random data,
 * uploads over the byte or pixel limit (a studio with small limits: 50,000 bytes, 10,000 pixels).
 */
class UploadSafetyTest extends TinyRunsStudio {

    static final String UPLOAD = "/api/run/upload?id=" + TinyRuns.DIFFUSION;

    @BeforeAll
    static void smallLimits() {
        StudioConfig local = StudioConfig.local(TinyRuns.modelRuns(), 0, List.of());
        startStudio(new StudioConfig(local.runs(), local.host(), 0, local.token(), List.of(), 1, 50_000, 10_000));
    }

    @Test
    void aPngDeclaring40000x40000PixelsIsRefusedUndecoded() {
        String m = error(client.post(UPLOAD, "image/png", TestImages.pngBomb(40_000, 40_000)), 400);
        assertEquals("image: image is 40000x40000 = 1600000000 pixels, over the limit of 10000 (--max-pixels); "
                + "not decoded", m);
        assertTrue(error(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0,
                "mask", TestImages.dataUrl(TestImages.pngBomb(40_000, 40_000)))), 400).startsWith("mask: image is "));
        stillServes();
    }

    @Test
    void anImageOverThePixelLimitIsRefused() {
        BufferedImage flat = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY); // small file, 40,000 pixels
        assertTrue(error(client.post(UPLOAD, "image/png", TestImages.encode(flat, "png")), 400)
                .startsWith("image: image is 200x200 = 40000 pixels, over the limit of 10000"));
    }

    @Test
    void truncatedAndRandomBytesAreRefusedWithOneLine() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64, 3), "png");
        assertTrue(error(client.post(UPLOAD, "image/png", Arrays.copyOf(png, png.length / 2)), 400)
                .startsWith("image: corrupt or unreadable image ("));
        byte[] jpg = TestImages.encode(TestImages.noise(64, 64, 4), "jpg");
        int status = client.post(UPLOAD, "image/jpeg", Arrays.copyOf(jpg, jpg.length / 3)).statusCode();
        assertTrue(status == 200 || status == 400, "a truncated JPEG decodes partially or is refused, got " + status);
        byte[] random = new byte[4000];
        new Random(5).nextBytes(random);
        assertEquals("image: not a readable image (expected PNG, JPEG, GIF or BMP data)",
                error(client.post(UPLOAD, "application/octet-stream", random), 400));
        assertEquals("image: the upload is empty (expected a PNG or JPEG image)",
                error(client.post(UPLOAD, "image/png", new byte[0]), 400));
        stillServes();
    }

    @Test
    void uploadsOverTheByteLimitGet413() {
        byte[] big = new byte[60_000];
        new Random(6).nextBytes(big);
        assertEquals("image: the upload of 60000 bytes is over the limit of 50000 bytes",
                error(client.post(UPLOAD, "image/png", big), 413));
        assertTrue(error(client.postFile(UPLOAD, "image", "big.png", big), 413).startsWith("image: the upload"));
        String hugeMask = "data:image/png;base64," + "A".repeat(70_000);
        assertTrue(error(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0,
                "mask", hugeMask)), 413).startsWith("mask: the upload"));
        assertEquals(413, client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0,
                "mask", "A".repeat(200_000))).statusCode(), "a body over the request limit");
        assertTrue(error(client.postFile(UPLOAD, "picture", "a.png", new byte[10]), 400)
                .startsWith("image: the upload has no file part named 'image'"));
        stillServes();
    }

    /** The server is still up and answering after the bad upload. */
    private static void stillServes() {
        byte[] ok = TestImages.encode(TestImages.noise(40, 40, 9), "png");
        assertTrue(json(client.post(UPLOAD, "image/png", ok), 200).path("upload").asText().startsWith("u"));
    }
}
