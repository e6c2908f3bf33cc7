package io.github.gen4j.studio;

import static io.github.gen4j.studio.StudioClient.error;
import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inpainting and denoising with a diffusion run, from held-out images and uploads. */
class EditRoutesTest extends TinyRunsStudio {

    @Test
    void inpaintingKeepsTheUnmaskedPixelsAndFillsTheMaskedOnes() {
        // mask drawn on a 56 x 56 canvas over the 28 x 28 image: the right half (model columns 14..27) is filled
        JsonNode r = json(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 3, "method",
                "replace", "steps", 10, "seed", 2, "mask", TestImages.dataUrl(TestImages.mask(56, 28)))), 200);
        assertEquals(0.5, r.path("maskShare").asDouble(), 1e-9);
        BufferedImage original = client.image(r.path("original").asText());
        BufferedImage masked = client.image(r.path("input").asText());
        BufferedImage result = client.image(r.path("result").asText());
        int keptMax = 0;
        int filledMax = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int d = Math.abs(gray(result, x, y) - gray(original, x, y));
                if (x < 14) {
                    keptMax = Math.max(keptMax, d);
                    assertEquals(gray(original, x, y), gray(masked, x, y));
                } else {
                    filledMax = Math.max(filledMax, d);
                    assertEquals(128, gray(masked, x, y), "the region to fill is shown in gray");
                }
            }
        }
        assertTrue(keptMax <= 1, "kept pixels differ by " + keptMax + " gray levels");
        assertTrue(filledMax > 20, "the filled half is new content (largest change " + filledMax + ")");
        assertEquals(r.path("original").asText(), r.path("original").asText());
        assertEquals(original.getRGB(0, 0), client.image("/api/run/heldout?id=" + TinyRuns.DIFFUSION + "&index=3")
                .getRGB(0, 0));
    }

    @Test
    void anUploadedJpegIsPreparedAtTheRunsSizeThenInpaintedAndDenoised() {
        JsonNode up = json(client.post("/api/run/upload?id=" + TinyRuns.DIFFUSION, "image/jpeg",
                TestImages.encode(TestImages.noise(60, 40, 1), "jpg")), 200);
        BufferedImage prepared = client.image(up.path("url").asText());
        assertEquals(28, prepared.getWidth());
        assertEquals(28, prepared.getHeight());
        String id = up.path("upload").asText();
        JsonNode in = json(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "upload", id, "steps", 4,
                "resample", 2, "mask", TestImages.dataUrl(TestImages.mask(28, 20)))), 200);
        assertEquals(28, client.image(in.path("result").asText()).getWidth());
        JsonNode dn = json(client.postJson("/api/run/denoise", request(TinyRuns.DIFFUSION, "upload", id, "noise", 0.3,
                "steps", 3)), 200);
        assertTrue(dn.path("psnrNoisy").asDouble() > 0 && dn.path("psnrResult").asDouble() > 0, dn.toString());
        assertEquals(28, client.image(dn.path("input").asText()).getWidth());

        JsonNode multipart = json(client.postFile("/api/run/upload?id=" + TinyRuns.DIFFUSION, "image", "a.png",
                TestImages.encode(TestImages.noise(30, 30, 2), "png")), 200);
        assertTrue(multipart.path("upload").asText().startsWith("u"));
    }

    @Test
    void onlyDiffusionRunsEditAndBadEditsAreRefusedWithOneLine() {
        String mask = TestImages.dataUrl(TestImages.mask(28, 14));
        assertEquals("inpainting needs a diffusion run, 'vae-tiny' is a vae run", error(client.postJson(
                "/api/run/inpaint", request(TinyRuns.VAE, "heldout", 0, "mask", mask)), 400));
        assertEquals("denoising needs a diffusion run, 'gan-tiny' is a gan run", error(client.postJson(
                "/api/run/denoise", request(TinyRuns.GAN, "heldout", 0)), 400));
        assertEquals("mask: the region to fill is empty (paint over the image in white)", error(client.postJson(
                "/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0,
                        "mask", TestImages.dataUrl(TestImages.mask(28, 28)))), 400));
        assertEquals("method: expected repaint or replace, got 'blur'", error(client.postJson("/api/run/inpaint",
                request(TinyRuns.DIFFUSION, "heldout", 0, "mask", mask, "method", "blur")), 400));
        assertTrue(error(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "mask", mask)), 400)
                .startsWith("give the image to edit"));
        assertTrue(error(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0)), 400)
                .startsWith("mask: missing"));
        assertTrue(error(client.postJson("/api/run/inpaint", request(TinyRuns.DIFFUSION, "heldout", 0,
                "mask", "data:image/png;base64,@@@@")), 400).startsWith("mask: not base64"));
        assertEquals("noise: expected a standard deviation in (0, 1), got 0.0", error(client.postJson(
                "/api/run/denoise", request(TinyRuns.DIFFUSION, "heldout", 0, "noise", 0)), 400));
        assertTrue(error(client.postJson("/api/run/denoise", request(TinyRuns.DIFFUSION, "upload",
                "u000000000000000000000000")), 404).contains("is gone"));
        assertTrue(error(client.postJson("/api/run/denoise", request(TinyRuns.DIFFUSION, "heldout", 0,
                "classLabel", 2)), 400).startsWith("classLabel 2: the model has 0 classes"));
    }

    static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }
}
