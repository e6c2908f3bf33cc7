package io.github.gen4j.studio;

import static io.github.gen4j.studio.SampleRoutesTest.pixels;
import static io.github.gen4j.studio.StudioClient.error;
import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.image.ImageGrid;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /api/run/interpolate and the held-out images it starts from. */
class InterpolateRoutesTest extends TinyRunsStudio {

    @Test
    void twoHeldOutImagesGiveTheFramesAStripFramedByThemAndAGif() {
        JsonNode r = json(client.postJson("/api/run/interpolate", request(TinyRuns.VAE, "mode", "images", "from", 0,
                "to", 5, "frames", 5, "path", "lerp")), 200);
        assertEquals(5, r.path("frames").size());
        assertEquals("lerp", r.path("path").asText());
        assertEquals(2, r.path("endPsnr").size());
        for (JsonNode f : r.path("frames")) {
            BufferedImage img = client.image(f.asText());
            assertEquals(28, img.getWidth());
        }
        BufferedImage strip = client.image(r.path("strip").asText());
        assertEquals(ImageGrid.gridWidth(7, 28, 2), strip.getWidth(), "5 frames between the 2 inputs");
        // the inputs are the held-out images served for the picker
        assertArrayEquals(pixelsOf(client.bytes("/api/run/heldout?id=" + TinyRuns.VAE + "&index=5")),
                pixelsOf(client.bytes(r.path("inputs").get(1).asText())));
        byte[] gif = client.bytes(r.path("gif").asText());
        assertEquals("GIF89a", new String(gif, 0, 6, StandardCharsets.US_ASCII));
        assertTrue(client.get(r.path("gifDownload").asText()).headers().firstValue("Content-Disposition").orElse("")
                .endsWith("-interpolate-heldout-0-5-lerp.gif\""));
    }

    @Test
    void seedStripsStartAndEndAtTheSeedsAndRepeatRequestsComeFromTheCache() {
        JsonNode ab = json(client.postJson("/api/run/interpolate", request(TinyRuns.GAN, "mode", "seeds", "from", 1,
                "to", 2, "frames", 4, "classLabel", 3)), 200);
        assertFalse(ab.path("cached").asBoolean());
        JsonNode ba = json(client.postJson("/api/run/interpolate", request(TinyRuns.GAN, "mode", "seeds", "from", 2,
                "to", 1, "frames", 6, "classLabel", 3)), 200);
        byte[] firstOfAb = pixelsOf(client.bytes(ab.path("frames").get(0).asText()));
        byte[] lastOfAb = pixelsOf(client.bytes(ab.path("frames").get(3).asText()));
        assertArrayEquals(firstOfAb, pixelsOf(client.bytes(ba.path("frames").get(5).asText())), "seed 1 at both ends");
        assertArrayEquals(lastOfAb, pixelsOf(client.bytes(ba.path("frames").get(0).asText())), "seed 2 at both ends");
        assertFalse(Arrays.equals(firstOfAb, lastOfAb), "two seeds, two images");

        JsonNode again = json(client.postJson("/api/run/interpolate", request(TinyRuns.GAN, "mode", "seeds", "from", 1,
                "to", 2, "frames", 4, "classLabel", 3)), 200);
        assertTrue(again.path("cached").asBoolean());
        assertEquals(ab.path("frames"), again.path("frames"));
    }

    @Test
    void classesAreClassMeansForAnUnconditionalModelAndTheClassInputOfAConditionalOne() {
        JsonNode means = json(client.postJson("/api/run/interpolate", request(TinyRuns.VAE, "mode", "classes", "from", 1,
                "to", 7, "frames", 3)), 200);
        assertEquals(3, means.path("frames").size());
        JsonNode cond = json(client.postJson("/api/run/interpolate", request(TinyRuns.GAN, "mode", "classes", "from", 0,
                "to", 9, "frames", 3, "seed", 4)), 200);
        assertEquals(3, cond.path("frames").size());
        assertEquals("from 10: the model has 10 classes (0..9)", error(client.postJson("/api/run/interpolate",
                request(TinyRuns.GAN, "mode", "classes", "from", 10, "to", 1)), 400));
    }

    @Test
    void badRequestsAreRefusedWithOneLine() {
        assertEquals("frames: expected a whole number in 2..64, got 1", error(client.postJson("/api/run/interpolate",
                request(TinyRuns.VAE, "mode", "seeds", "from", 1, "to", 2, "frames", 1)), 400));
        assertEquals("path: 'cubic' is not lerp or slerp", error(client.postJson("/api/run/interpolate",
                request(TinyRuns.VAE, "mode", "seeds", "from", 1, "to", 2, "path", "cubic")), 400));
        assertEquals("mode: expected images, seeds or classes, got 'faces'", error(client.postJson(
                "/api/run/interpolate", request(TinyRuns.VAE, "mode", "faces", "from", 1, "to", 2)), 400));
        assertTrue(error(client.postJson("/api/run/interpolate", request(TinyRuns.VAE, "mode", "images", "from", 0,
                "to", 99999)), 400).startsWith("to: image 99999 does not exist ("));
        assertEquals("from, to: give both end points (seeds)", error(client.postJson("/api/run/interpolate",
                request(TinyRuns.VAE, "mode", "seeds", "from", 1)), 400));
        assertTrue(error(client.get("/api/run/heldout?id=" + TinyRuns.VAE + "&index=-3"), 400).startsWith("index: "));
        assertTrue(error(client.get("/api/run/heldout?id=" + TinyRuns.VAE + "&index=x"), 400).startsWith("index: "));
    }

    @Test
    void theHeldOutInfoListsCountAndClasses() {
        JsonNode info = json(client.get("/api/run/heldout/info?id=" + TinyRuns.DIFFUSION), 200);
        assertTrue(info.path("count").asInt() >= 100, info.toString());
        assertEquals(10, info.path("classNames").size());
        assertEquals(28, info.path("size").asInt());
    }

    private static byte[] pixelsOf(byte[] png) {
        try {
            return pixels(png);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
