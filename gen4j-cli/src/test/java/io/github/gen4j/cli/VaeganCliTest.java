package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of {@code train vaegan} and {@code train gan --init-from} (tiny sizes, embedded data). */
class VaeganCliTest {

    static final String[] TINY = {"--data", "embedded", "--limit", "128", "--batch-size", "16", "--widths", "8,16",
        "--hidden", "32", "--latent", "4", "--d-widths", "8,16", "--log-every", "1", "--eval-every", "2"};

    @Test
    void trainVaeganThenSampleReconstructAndEvaluate(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "vaegan"}, TINY),
                "--gamma", "0.5", "--steps", "2", "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err());
        Path run = CliTest.only(tmp, "vaegan-");
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertEquals("vaegan", cfg.path("family").asText());
        assertEquals(0.5, cfg.path("model").path("gamma").asDouble(), 0);
        assertEquals(2, cfg.path("model").path("featureLayer").asInt());
        assertTrue(Files.exists(run.resolve("samples/reconstructions-step-00000002.png")));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"llike_nats\"") && metrics.contains("\"diversity_ratio\""), metrics);

        assertEquals(0, CliTest.gen4j("sample", run.toString(), "--n", "4", "--out",
                tmp.resolve("s.png").toString()).code());
        CliTest.Out rec = CliTest.gen4j("reconstruct", run.toString(), "--n", "4", "--out",
                tmp.resolve("r.png").toString());
        assertEquals(0, rec.code(), rec.err());
        assertTrue(rec.out().contains("psnr_db"), rec.out());
        CliTest.Out e = CliTest.gen4j(CliTest.concat(new String[] {"eval", run.toString(), "--num-samples", "60"},
                EvalCliTest.SMALL));
        assertEquals(0, e.code(), e.err());
        JsonNode j = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertTrue(j.path("samples").path("metrics").has("fid_fmnistcnn"), j.toString());

        CliTest.Out layer = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "vaegan"}, TINY),
                "--feature-layer", "3", "--out", tmp.resolve("x").toString()));
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("--feature-layer must be in 1..2") && layer.err().strip().lines().count() == 1,
                layer.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on bad input");
    }

    @Test
    void ganInitFromAVaeRunTakesItsDecoderAndBadRunsGiveOneLine(@TempDir Path tmp) throws IOException {
        CliTest.Out v = CliTest.gen4j(CliTest.concat(CliTest.concat(new String[] {"train", "vae"}, CliTest.TINY),
                "--steps", "2", "--out", tmp.resolve("vae").toString()));
        assertEquals(0, v.code(), v.err());
        Path vae = CliTest.only(tmp.resolve("vae"), "vae-");
        String[] gan = {"train", "gan", "--data", "embedded", "--limit", "128", "--batch-size", "16", "--d-widths",
            "8,16", "--log-every", "1", "--steps", "2"};
        CliTest.Out o = CliTest.gen4j(CliTest.concat(gan, "--init-from", vae.toString(), "--out",
                tmp.resolve("gan").toString()));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("generator: decoder of the VAE in"), o.out());
        JsonNode model = Json.MAPPER.readTree(CliTest.only(tmp.resolve("gan"), "gan-").resolve("config.json")
                .toFile()).path("model");
        assertEquals(4, model.path("latentDim").asInt(), "latent from the VAE");
        assertEquals(4, model.path("vaeDecoder").path("latentDim").asInt());
        assertTrue(model.path("initFrom").asText().contains("step-00000002.ckpt"), model.toString());
        assertEquals("[8,16]", model.path("discriminatorWidths").toString(), "the user's --d-widths");
        // without --d-widths the decoder trains against the textbook DCGAN discriminator, not the default GAN's
        // half-width one (a 1-step cold start: only its config matters here)
        CliTest.Out cold = CliTest.gen4j("train", "gan", "--data", "embedded", "--limit", "128", "--batch-size", "16",
                "--steps", "1", "--arch-from", vae.toString(), "--out", tmp.resolve("cold").toString());
        assertEquals(0, cold.code(), cold.err());
        assertEquals("[64,128]", Json.MAPPER.readTree(CliTest.only(tmp.resolve("cold"), "gan-").resolve("config.json")
                .toFile()).path("model").path("discriminatorWidths").toString());

        CliTest.Out missing = CliTest.gen4j(CliTest.concat(gan, "--init-from", tmp.resolve("nope").toString(),
                "--out", tmp.resolve("y").toString()));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--init-from: ") && missing.err().contains("no such run folder")
                && missing.err().strip().lines().count() == 1, missing.err());
        CliTest.Out foreign = CliTest.gen4j(CliTest.concat(gan, "--init-from",
                CliTest.only(tmp.resolve("gan"), "gan-").toString(), "--out", tmp.resolve("y").toString()));
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().contains("is a gan run"), foreign.err());
        CliTest.Out both = CliTest.gen4j(CliTest.concat(gan, "--arch-from", vae.toString(), "--init-from",
                vae.toString(), "--out", tmp.resolve("y").toString()));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--init-from and --arch-from exclude each other"), both.err());
        CliTest.Out clash = CliTest.gen4j(CliTest.concat(gan, "--latent", "8", "--init-from", vae.toString(),
                "--out", tmp.resolve("y").toString()));
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("--init-from and --latent exclude each other"), clash.err());
        assertFalse(Files.exists(tmp.resolve("y")), "nothing written on bad input");
    }
}
