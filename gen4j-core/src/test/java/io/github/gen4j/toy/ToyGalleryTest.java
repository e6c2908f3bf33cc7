package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyGalleryTest {

    @Test
    void writesPlotsMetricsAndAGalleryForEveryFamilyAndDistribution(@TempDir Path tmp) throws IOException {
        ToyGallery.Options opts = new ToyGallery.Options(GanPreset.STABILIZED, 200, 16, Device.cpu(), l -> { });
        List<ToyDistribution> dists = List.of(RingOfGaussians.eight(), TwoMoons.standard());
        ToyGallery.Result r = ToyGallery.run(FamilyRegistry.toys(List.of("gan", "flow")), dists, 10, 1, tmp, opts);
        assertEquals(4, r.entries().size());
        for (ToyGallery.Entry e : r.entries()) {
            assertNull(e.diverged());
            assertEquals(ToyGallery.PLOT, ImageIO.read(e.scatterPng().toFile()).getWidth());
            assertTrue(e.metrics().containsKey("energy_distance") && e.metrics().containsKey("kde_loglik"));
            assertEquals(e.distribution().equals("ring"), e.metrics().containsKey("modes_covered"));
            if (e.family().equals("flow")) {
                assertNotNull(e.densityPng());
                assertTrue(Files.isRegularFile(e.densityPng()));
                assertTrue(e.metrics().containsKey("heldout_loglik"));
            } else {
                assertNull(e.densityPng());
                assertTrue(e.densityNote().contains("no density") || e.densityNote().startsWith("none"));
            }
        }
        JsonNode json = Json.MAPPER.readTree(r.metricsJson().toFile());
        assertEquals(4, json.get("results").size());
        assertTrue(json.get("results").get(2).get("metrics").get("energy_distance").isNumber());
        BufferedImage gallery = ImageIO.read(r.galleryPng().toFile());
        assertEquals(2 * 2 * ToyGallery.PLOT / 2, gallery.getWidth()); // 2 distributions x (samples, density)
        assertEquals(2 * ToyGallery.PLOT / 2, gallery.getHeight()); // 2 families
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no half-written files");
        }
    }

    @Test
    void unknownFamilyIsRejectedBeforeAnyWork(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyGallery.run(
                FamilyRegistry.toys(List.of("flow", "pixelcnn")), List.of(TwoMoons.standard()), 10, 1,
                tmp.resolve("out")));
        assertTrue(e.getMessage().contains("pixelcnn"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("out")));
    }
}
