package io.github.gen4j.studio;

import static io.github.gen4j.studio.StudioClient.error;
import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** POST /api/run/sample against tiny trained runs: grids, reproducible downloads, and refused requests. */
class SampleRoutesTest extends TinyRunsStudio {

    @Test
    void aConditionalGanGivesNImagesInAGridCyclingThroughTheClasses() throws Exception {
        JsonNode r = json(client.postJson("/api/run/sample", request(TinyRuns.GAN, "n", 5, "seed", 11,
                "truncation", 1.5)), 200);
        assertEquals(5, r.path("images").size());
        assertEquals("step-00000003.ckpt", r.path("checkpoint").asText());
        assertTrue(r.path("msPerImage").asDouble() > 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(11 + i, r.path("images").get(i).path("seed").asLong());
            assertEquals(i, r.path("images").get(i).path("classLabel").asInt(), "all classes in turn");
        }
        BufferedImage grid = client.image(r.path("grid").asText());
        assertEquals(ImageGrid.gridWidth(3, 28, 2), grid.getWidth(), "5 images: a 3 x 2 grid");
        assertEquals(ImageGrid.gridHeight(2, 28, 2), grid.getHeight());
    }

    @Test
    void everyDownloadedImageCarriesWhatRemakesItPixelForPixel() throws Exception {
        for (Map<String, Object> q : List.of(
                request(TinyRuns.VAE, "n", 3, "seed", 40, "temperature", 0.7),
                request(TinyRuns.DIFFUSION, "n", 3, "seed", 7, "sampler", "ddim", "steps", 4, "eta", 1.0),
                request(TinyRuns.GAN, "n", 4, "seed", 3, "truncation", 0.8))) {
            JsonNode r = json(client.postJson("/api/run/sample", q), 200);
            JsonNode last = r.path("images").get(r.path("images").size() - 1);
            HttpResponse<byte[]> d = client.getBytes(last.path("download").asText());
            assertEquals(200, d.statusCode());
            String disposition = d.headers().firstValue("Content-Disposition").orElse("");
            assertTrue(disposition.startsWith("attachment; filename=\"" + q.get("id") + "-step3-seed"
                    + last.path("seed").asLong() + ".png\""), disposition);
            Map<String, String> text = PngImages.readText(d.body());
            assertEquals(q.get("id"), text.get("gen4j:run"));
            assertEquals("step-00000003.ckpt", text.get("gen4j:checkpoint"));
            assertEquals(last.path("seed").asText(), text.get("gen4j:seed"));

            // the recorded seed and options, alone, give the same pixels
            Map<String, Object> again = Json.MAPPER.readValue(text.get("gen4j:options"), Map.class);
            again.put("id", text.get("gen4j:run"));
            again.put("checkpoint", text.get("gen4j:checkpoint"));
            again.put("seed", Long.parseLong(text.get("gen4j:seed")));
            again.put("n", 1);
            JsonNode one = json(client.postJson("/api/run/sample", again), 200);
            byte[] remade = client.bytes(one.path("images").get(0).path("url").asText());
            assertArrayEquals(pixels(d.body()), pixels(remade), q.get("id") + ": image remade from its PNG");

            // and a different seed gives other pixels (the comparison can fail)
            again.put("seed", Long.parseLong(text.get("gen4j:seed")) + 1000);
            byte[] other = client.bytes(json(client.postJson("/api/run/sample", again), 200).path("images").get(0)
                    .path("url").asText());
            assertFalse(java.util.Arrays.equals(pixels(d.body()), pixels(other)), q.get("id") + ": seed matters");
        }
    }

    @Test
    void aNamedCheckpointIsUsedAndAWrongOneIsRefused() {
        JsonNode r = json(client.postJson("/api/run/sample", request(TinyRuns.VAE, "n", 1,
                "checkpoint", "step-00000003.ckpt")), 200);
        assertEquals(3, r.path("step").asInt());
        String m = error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "checkpoint", "step-00000099.ckpt")),
                400);
        assertTrue(m.startsWith("checkpoint: 'step-00000099.ckpt' is not one of run 'vae-tiny''s checkpoints"), m);
        assertTrue(m.contains("step-00000003.ckpt"), "lists the real ones: " + m);
        assertTrue(error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "checkpoint", "../config.json")), 400)
                .startsWith("checkpoint: "));
        assertTrue(error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "checkpoint", "latest")), 400)
                .startsWith("checkpoint: "));
    }

    @Test
    void badFieldsAreRefusedWithOneLineNamingTheField() {
        assertEquals("n: expected a whole number in 1..256, got 0",
                error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "n", 0)), 400));
        assertEquals("n: expected a whole number in 1..256, got 257",
                error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "n", 257)), 400));
        assertEquals("n: expected a whole number, got \"many\"",
                error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "n", "many")), 400));
        assertTrue(error(client.postJson("/api/run/sample", request(TinyRuns.DIFFUSION, "sampler", "euler")), 400)
                .startsWith("sampler: unknown sampler 'euler' (known: ddpm, ddim, dpm++2m)"));
        assertEquals("classLabel 10: the model has 10 classes (0..9)",
                error(client.postJson("/api/run/sample", request(TinyRuns.GAN, "classLabel", 10)), 400));
        assertEquals("classLabel 0: the model has 0 classes (it is unconditional)",
                error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "classLabel", 0)), 400));
        assertEquals("temperature: expected a number in [0, 10], got -1",
                error(client.postJson("/api/run/sample", request(TinyRuns.VAE, "temperature", -1)), 400));
        assertTrue(error(client.postJson("/api/run/sample", request(TinyRuns.DIFFUSION, "n", 1, "steps", 500)), 400)
                .startsWith("steps 500: the model has only 20 noise levels"));
        assertTrue(error(client.postJson("/api/run/sample", request(TinyRuns.DIFFUSION, "guidance", 2)), 400)
                .startsWith("guidance: this diffusion model is unconditional"));
        assertEquals("no run 'no-such-run'", error(client.postJson("/api/run/sample", request("no-such-run")), 404));
        assertTrue(error(client.postJson("/api/run/sample", request("../etc")), 400).contains("not a folder name"));
        assertEquals("the request body must be a JSON object",
                error(client.post("/api/run/sample", "application/json", "[1]".getBytes()), 400));
        assertTrue(error(client.post("/api/run/sample", "application/json", "{".getBytes()), 400)
                .startsWith("the request body is not JSON"));
    }

    @Test
    void anUnknownResultIsA404AndAMalformedIdA400() {
        assertTrue(error(client.get("/api/result?id=r000000000000000000000000"), 404).contains("is gone"));
        assertTrue(error(client.get("/api/result?id=../x"), 400).startsWith("id: "));
    }

    /** The decoded pixels of PNG bytes (packed RGB), so that encodings that differ in metadata compare equal. */
    static byte[] pixels(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(rgb.length * 4);
        b.asIntBuffer().put(rgb);
        return b.array();
    }
}
