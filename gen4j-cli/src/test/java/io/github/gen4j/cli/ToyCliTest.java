package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of {@code toy all} and {@code toy vae|diffusion|flow} (tiny step counts). */
class ToyCliTest {

    @Test
    void toyAllWritesAGalleryPlotsAndMetrics(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j("toy", "all", "--families", "gan,flow", "--dists", "moons", "--steps", "10",
                "--samples", "200", "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        Path run = CliTest.only(tmp, "toy-all-");
        for (String f : new String[] {"gan-moons-samples.png", "flow-moons-samples.png", "flow-moons-density.png",
            "gallery.png", "metrics.json"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertFalse(Files.exists(run.resolve("gan-moons-density.png")), "a GAN has no density");
        JsonNode m = Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
        assertEquals(2, m.get("results").size());
        assertEquals("stabilized", m.get("gan_preset").asText());
        assertTrue(o.out().contains("energy"), o.out());
    }

    @Test
    void oneFamilyOnTheRingCountsModes(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j("toy", "vae", "--dist", "ring", "--steps", "5", "--samples", "100", "--out",
                tmp.toString());
        assertEquals(0, o.code(), o.err());
        Path run = CliTest.only(tmp, "toy-vae-");
        assertTrue(Files.isRegularFile(run.resolve("vae-ring-density.png")));
        JsonNode r = Json.MAPPER.readTree(run.resolve("metrics.json").toFile()).get("results").get(0);
        assertTrue(r.get("metrics").get("modes_covered").isNumber());
    }

    @Test
    void badOptionsFailWithOneLineAndWriteNothing(@TempDir Path tmp) throws IOException {
        CliTest.Out d = CliTest.gen4j("toy", "flow", "--dist", "swiss", "--out", tmp.toString());
        assertNotEquals(0, d.code());
        assertTrue(d.err().contains("--dist") && d.err().contains("ring or moons"), d.err());
        CliTest.Out f = CliTest.gen4j("toy", "all", "--families", "gan,pixelcnn", "--out", tmp.toString());
        assertNotEquals(0, f.code());
        assertTrue(f.err().contains("pixelcnn"), f.err());
        CliTest.Out s = CliTest.gen4j("toy", "diffusion", "--steps", "0", "--out", tmp.toString());
        assertNotEquals(0, s.code());
        assertTrue(s.err().contains("--steps"), s.err());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(0, files.count(), "nothing written on bad usage");
        }
    }
}
