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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of {@code train gan}, {@code sample} on a GAN run, and {@code toy gan} (tiny sizes). */
class GanCliTest {

    static final String[] TINY = {"--data", "embedded", "--limit", "256", "--batch-size", "32", "--g-widths",
        "16,8,8", "--d-widths", "8,16", "--latent", "8", "--log-every", "1", "--eval-every", "2"};

    @Test
    void trainConditionalGanThenSampleAClassWithTruncation(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "gan"}, TINY),
                "--conditional", "--steps", "4", "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err());
        Path run = CliTest.only(tmp, "gan-");
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertEquals("gan", cfg.path("family").asText());
        assertEquals("NON_SATURATING", cfg.path("model").path("recipe").path("loss").asText(), "default preset: plain");
        assertFalse(cfg.path("model").path("recipe").path("spectralNorm").asBoolean());
        assertEquals("BATCHNORM", cfg.path("model").path("generatorBlocks").asText(), "textbook DCGAN generator");
        assertEquals(0.0, cfg.path("train").path("emaDecay").asDouble(), 1e-12, "DCGAN samples the raw generator");
        assertFalse(cfg.path("train").path("cosine").asBoolean(), "DCGAN's constant learning rate");
        assertEquals(10, cfg.path("model").path("numClasses").asInt());
        BufferedImage grid = ImageIO.read(run.resolve("samples/samples-step-00000004.png").toFile());
        assertEquals(8 * 28 + 9 * 2, grid.getWidth());
        assertEquals(10 * 28 + 11 * 2, grid.getHeight(), "one row per class");
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"diversity_ratio\"") && metrics.contains("\"grad_norm/discriminator\""), metrics);

        Path png = tmp.resolve("class3.png");
        CliTest.Out s = CliTest.gen4j("sample", run.toString(), "--n", "9", "--class", "3", "--truncation", "0.7",
                "--out", png.toString());
        assertEquals(0, s.code(), s.err());
        assertEquals(3 * 28 + 4 * 2, ImageIO.read(png.toFile()).getWidth());

        CliTest.Out bad = CliTest.gen4j("sample", run.toString(), "--class", "10");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--class 10") && bad.err().strip().lines().count() == 1, bad.err());
    }

    @Test
    void plainPresetHasNoEmaOrSpectralNormAndBadOptionsGiveOneLine(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "gan"}, TINY),
                "--preset", "plain", "--steps", "2", "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err());
        JsonNode cfg = Json.MAPPER.readTree(CliTest.only(tmp, "gan-").resolve("config.json").toFile());
        assertEquals("NON_SATURATING", cfg.path("model").path("recipe").path("loss").asText());
        assertFalse(cfg.path("model").path("recipe").path("spectralNorm").asBoolean());
        assertEquals(0.0, cfg.path("train").path("emaDecay").asDouble(), 1e-12);

        CliTest.Out preset = CliTest.gen4j("train", "gan", "--preset", "best", "--out", tmp.toString());
        assertEquals(2, preset.code());
        assertTrue(preset.err().contains("--preset: unknown preset 'best'"), preset.err());
        CliTest.Out split = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "gan"}, TINY),
                "--d-steps", "5", "--steps", "1", "--out", tmp.resolve("x").toString()));
        assertEquals(2, split.code());
        assertTrue(split.err().contains("must be a multiple of --d-steps 5"), split.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on bad usage");
    }

    @Test
    void toyGanWritesPlotsAndASummaryForEachPreset(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j("toy", "gan", "--steps", "20", "--plot-every", "10", "--batch-size", "64",
                "--hidden", "16", "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        Path run = CliTest.only(tmp, "toy-gan-");
        for (String f : new String[] {"plain-step-000010.png", "plain-step-000020.png", "stabilized-step-000020.png"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertEquals(2, summary.path("stabilized").path("checkpoints").size());
        assertTrue(o.out().contains("modes covered within 3 sigma"), o.out());

        CliTest.Out bad = CliTest.gen4j("toy", "gan", "--preset", "plain,nope", "--out", tmp.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown preset 'nope'"), bad.err());
    }
}
