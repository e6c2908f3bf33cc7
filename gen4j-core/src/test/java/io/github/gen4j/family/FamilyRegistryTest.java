package io.github.gen4j.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.TestImages;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FamilyRegistryTest {

    @Test
    void listsTheFiveFamiliesInOrderWithoutTheClassifier() {
        assertEquals(List.of("vae", "gan", "diffusion", "flow", "vaegan"), FamilyRegistry.names());
        assertEquals(List.of("vae", "gan", "diffusion", "flow"), FamilyRegistry.toyNames());
        assertFalse(FamilyRegistry.find("classifier").isPresent(), "not a generative family");
    }

    @Test
    void everyFamilyRebuildsItsTaskFromItsDefaultConfigAsSavedInConfigJson() {
        ImageDataset images = TestImages.shapes(4, 1, 28, 1);
        for (Family f : FamilyRegistry.all()) {
            TrainingTask made = f.recipe().task(images, FamilyRecipe.Scale.DEFAULT);
            JsonNode saved = Json.tree(made.modelConfig());
            TrainingTask rebuilt = FamilyRegistry.task(f.name(), saved);
            assertEquals(f.name(), rebuilt.family());
            assertEquals(f.name(), f.recipe().family());
            assertEquals(saved, Json.tree(rebuilt.modelConfig()), f.name());
        }
    }

    @Test
    void anUnknownFamilyIsOneLineNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FamilyRegistry.task("pixelcnn", Json.tree(List.of())));
        assertEquals("unknown model family 'pixelcnn' (known: vae, gan, diffusion, flow, vaegan)", e.getMessage());
        IllegalArgumentException toy = assertThrows(IllegalArgumentException.class,
                () -> FamilyRegistry.toys(List.of("vaegan")));
        assertTrue(toy.getMessage().contains("expected one of vae, gan, diffusion, flow"), toy.getMessage());
    }

    /** The training core takes a task factory: neither it nor the capabilities may know the family list. */
    @Test
    void trainAndModelDoNotImportTheRegistryOrAFamily() throws IOException {
        List<String> forbidden = Stream.of("family", "vae", "gan", "diffusion", "flow", "hybrid", "latent", "compare",
                "toy").map(p -> "import io.github.gen4j." + p + ".").toList();
        for (String pkg : List.of("train", "model")) {
            try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/gen4j", pkg))) {
                for (Path file : files.toList()) {
                    String src = Files.readString(file);
                    forbidden.forEach(f -> assertFalse(src.contains(f), file + " has " + f));
                }
            }
        }
    }
}
