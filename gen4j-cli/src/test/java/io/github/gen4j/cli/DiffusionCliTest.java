package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: train a tiny diffusion model, sample with every sampler, denoise, inpaint, evaluate. */
class DiffusionCliTest {

    @TempDir static Path tmp;
    static Path run;

    static final String[] TINY = {"--data", "embedded", "--limit", "128", "--batch-size", "16", "--widths", "8,16,16",
        "--timesteps", "50", "--log-every", "1", "--eval-every", "0", "--sample-every", "0"};

    static CliTest.Out gen4j(String... args) {
        return CliTest.gen4j(args);
    }

    @BeforeAll
    static void trainTinyRun() throws IOException {
        CliTest.Out o = gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "diffusion"}, TINY), "--steps", "3",
                "--conditional", "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err());
        run = CliTest.only(tmp, "diffusion-");
        assertTrue(Files.readString(run.resolve("checkpoints/latest")).contains("step-00000003.ckpt"));
        assertTrue(Files.isRegularFile(run.resolve("samples/samples-step-00000003.png")));
    }

    @Test
    void everySamplerWritesAGrid() throws IOException {
        for (String sampler : new String[] {"ddpm", "ddim", "dpm++2m"}) {
            Path png = tmp.resolve(sampler + ".png");
            CliTest.Out o = gen4j("sample", run.toString(), "--n", "4", "--sampler", sampler, "--steps", "4",
                    "--class", "2", "--guidance", "2", "--out", png.toString());
            assertEquals(0, o.code(), o.err());
            assertEquals(2 * 28 + 3 * 2, ImageIO.read(png.toFile()).getWidth());
            assertTrue(o.out().contains("ms/image"), o.out());
        }
        CliTest.Out eta = gen4j("sample", run.toString(), "--n", "2", "--sampler", "ddim", "--steps", "3", "--eta", "1",
                "--out", tmp.resolve("eta.png").toString());
        assertEquals(0, eta.code(), eta.err());
    }

    @Test
    void denoiseAndInpaintWriteBeforeAndAfter() throws IOException {
        Path input = tmp.resolve("input.png");
        assertEquals(0, gen4j("sample", run.toString(), "--n", "1", "--steps", "3", "--out", input.toString()).code());
        // the grid has a 2-pixel border: crop the image itself
        BufferedImage grid = ImageIO.read(input.toFile());
        ImageIO.write(grid.getSubimage(2, 2, 28, 28), "png", input.toFile());

        CliTest.Out d = gen4j("denoise", run.toString(), "--input", input.toString(), "--noise", "0.1", "--add-noise",
                "--steps", "3", "--out", tmp.resolve("dn").toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("PSNR"), d.out());
        assertEquals(32, ImageIO.read(tmp.resolve("dn-before.png").toFile()).getWidth());
        assertEquals(32, ImageIO.read(tmp.resolve("dn-after.png").toFile()).getWidth());

        CliTest.Out r = gen4j("inpaint", run.toString(), "--input", input.toString(), "--rect", "7,7,14,14", "--n", "2",
                "--steps", "4", "--resample", "2", "--out", tmp.resolve("ip.png").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2 * 28 + 3 * 2, ImageIO.read(tmp.resolve("ip-after.png").toFile()).getWidth());

        BufferedImage mask = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        mask.getRaster().setSample(10, 10, 0, 255);
        Path maskFile = tmp.resolve("mask.png");
        ImageIO.write(mask, "png", maskFile.toFile());
        CliTest.Out rm = gen4j("inpaint", run.toString(), "--input", input.toString(), "--mask", maskFile.toString(),
                "--method", "replace", "--n", "1", "--steps", "3", "--out", tmp.resolve("im").toString());
        assertEquals(0, rm.code(), rm.err());
        assertTrue(Files.isRegularFile(tmp.resolve("im-after.png")));
    }

    @Test
    void theDefaultIsTheTextbookRecipeAndAttentionIsAnOption() throws IOException {
        // the run of trainTinyRun: no attention, Ho et al.'s schedule (issue 14, parity-diffusion-500-torchinit)
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertFalse(cfg.path("model").path("attention").asBoolean(true));
        JsonNode t = cfg.path("train");
        assertEquals(2e-4, t.path("lr").asDouble(), 1e-12);
        assertEquals(100, t.path("warmupSteps").asInt());
        assertFalse(t.path("cosine").asBoolean(true));
        assertEquals(1.0, t.path("gradClip").asDouble(), 1e-12);
        assertEquals(0.999, t.path("emaDecay").asDouble(), 1e-12);

        Path out = tmp.resolve("with-attention");
        CliTest.Out o = gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "diffusion"}, TINY), "--steps", "1",
                "--attention", "--lr", "1e-3", "--checkpoint-every", "1", "--out", out.toString()));
        assertEquals(0, o.code(), o.err());
        Path r = CliTest.only(out, "diffusion-");
        JsonNode c2 = Json.MAPPER.readTree(r.resolve("config.json").toFile());
        assertTrue(c2.path("model").path("attention").asBoolean(false));
        assertEquals(1e-3, c2.path("train").path("lr").asDouble(), 1e-12); // an option still wins over the default
    }

    @Test
    void evalReportsTheBoundInBitsPerDim() throws IOException {
        CliTest.Out e = gen4j("eval", run.toString(), "--n", "8", "--iwae-k", "4", "--batch-size", "8",
                "--num-samples", "0"); // the bound only: sample metrics have tests of their own
        assertEquals(0, e.code(), e.err());
        JsonNode j = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        double bpd = j.path("likelihood").path("vlb_bpd").asDouble();
        assertTrue(bpd > 0 && Double.isFinite(bpd), "bpd " + bpd);
    }

    @Test
    void badInputGivesOneLineAndNonZeroExit() throws IOException {
        CliTest.Out sampler = gen4j("sample", run.toString(), "--sampler", "euler", "--out", tmp.resolve("b.png").toString());
        assertEquals(2, sampler.code(), "an unknown sampler is a usage error, found before the model loads");
        assertTrue(sampler.err().contains("--sampler") && sampler.err().strip().lines().count() == 1, sampler.err());

        CliTest.Out evalSampler = gen4j("eval", run.toString(), "--no-likelihood", "--num-samples", "4", "--sampler", "euler",
                "--out", tmp.resolve("e.json").toString());
        assertEquals(2, evalSampler.code());
        assertTrue(evalSampler.err().contains("--sampler") && evalSampler.err().strip().lines().count() == 1,
                evalSampler.err());
        assertFalse(Files.exists(tmp.resolve("e.json")));

        CliTest.Out steps = gen4j("sample", run.toString(), "--steps", "51", "--out", tmp.resolve("b.png").toString());
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("--steps"), steps.err());

        CliTest.Out noGuidance = gen4j("sample", run.toString(), "--class", "1", "--out", tmp.resolve("b.png").toString());
        assertEquals(2, noGuidance.code());
        assertTrue(noGuidance.err().contains("--guidance"), noGuidance.err());
        assertFalse(Files.exists(tmp.resolve("b.png")));

        Path input = tmp.resolve("in2.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", input.toFile());
        CliTest.Out missing = gen4j("denoise", run.toString(), "--input", tmp.resolve("none.png").toString(), "--noise", "0.1");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--input") && missing.err().contains("none.png"), missing.err());

        CliTest.Out badNoise = gen4j("denoise", run.toString(), "--input", input.toString(), "--noise", "2");
        assertEquals(2, badNoise.code());
        assertTrue(badNoise.err().contains("--noise"), badNoise.err());

        CliTest.Out badRect = gen4j("inpaint", run.toString(), "--input", input.toString(), "--rect", "20,20,10,10");
        assertEquals(2, badRect.code());
        assertTrue(badRect.err().contains("--rect"), badRect.err());

        CliTest.Out both = gen4j("inpaint", run.toString(), "--input", input.toString(), "--rect", "1,1,2,2",
                "--mask", input.toString());
        assertEquals(2, both.code());

        Path small = tmp.resolve("small-mask.png");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png", small.toFile());
        CliTest.Out wrongMask = gen4j("inpaint", run.toString(), "--input", input.toString(), "--mask", small.toString());
        assertEquals(2, wrongMask.code());
        assertTrue(wrongMask.err().contains("--mask") && wrongMask.err().contains("10x10"), wrongMask.err());

        CliTest.Out badSchedule = gen4j("train", "diffusion", "--schedule", "sqrt", "--steps", "1", "--data", "embedded",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, badSchedule.code());
        assertTrue(badSchedule.err().contains("--schedule"), badSchedule.err());
    }

    @Test
    void editCommandsHaveHelp() {
        for (String[] cmd : new String[][] {{"train", "diffusion", "--help"}, {"denoise", "--help"}, {"inpaint", "--help"}}) {
            CliTest.Out o = gen4j(cmd);
            assertEquals(0, o.code(), String.join(" ", cmd));
            assertTrue(o.out().contains("Usage:"), o.out());
        }
    }
}
