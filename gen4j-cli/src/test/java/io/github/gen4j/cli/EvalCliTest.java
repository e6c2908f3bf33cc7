package io.github.gen4j.cli;

import static io.github.gen4j.cli.CliTest.concat;
import static io.github.gen4j.cli.CliTest.gen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.cli.CliTest.Out;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j eval} on a run, on external samples (.npy and PNG folder), and {@code gen4j train classifier}. */
class EvalCliTest {

    @TempDir static Path tmp;
    static ImageDataset heldOut;

    /** Small metric settings so that each call takes seconds. */
    static final String[] SMALL = {"--reference-n", "600", "--kid-subsets", "5", "--kid-subset-size", "50"};

    @BeforeAll
    static void data() {
        heldOut = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 0, 1).heldOut();
    }

    static Path npy(String name, int n) throws IOException {
        byte[] px = new byte[n * heldOut.imageSize()];
        for (int i = 0; i < n; i++) {
            heldOut.copyImage(i, px, i * heldOut.imageSize());
        }
        Path f = tmp.resolve(name);
        Npy.writeUint8(f, px, n, 1, 28, 28);
        return f;
    }

    @Test
    void evalOfARunReportsLikelihoodSampleMetricsAndSpeed() throws IOException {
        Out t = gen4j(concat(concat(new String[] {"train", "vae"}, CliTest.TINY), "--steps", "3", "--out",
                tmp.resolve("runs").toString()));
        assertEquals(0, t.code(), t.err());
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            run = s.findFirst().orElseThrow();
        }
        Out e = gen4j(concat(new String[] {"eval", run.toString(), "--n", "10", "--iwae-k", "2", "--num-samples", "60"},
                SMALL));
        assertEquals(0, e.code(), e.err());
        JsonNode j = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertTrue(j.path("likelihood").path("elbo_bpd").asDouble() > 0, j.toString());
        assertTrue(j.path("speed").path("sample_ms_per_image").asDouble() > 0, j.toString());
        JsonNode m = j.path("samples").path("metrics");
        for (String k : new String[] {"fid_fmnistcnn", "kid_fmnistcnn", "precision_fmnistcnn", "recall_fmnistcnn",
            "density_fmnistcnn", "coverage_fmnistcnn", "classes_covered_fmnistcnn", "class_kl_fmnistcnn",
            "nn_ratio_fmnistcnn", "copies_fmnistcnn", "exact_copies", "sharpness_ratio"}) {
            assertTrue(m.has(k), k + " missing: " + m);
        }
        assertEquals(60, j.path("samples").path("sampleCount").asInt());
        assertEquals("fmnistcnn", j.path("samples").path("featureNetwork").path("name").asText());
        assertTrue(e.out().contains("fid_fmnistcnn") && e.out().contains("ms/image"), e.out());
    }

    @Test
    void evalOfExternalSamplesFromNpyAndFromAFolder() throws IOException {
        Path f = npy("real.npy", 80);
        Out e = gen4j(concat(new String[] {"eval", "--samples", f.toString(), "--dataset", "embedded"}, SMALL));
        assertEquals(0, e.code(), e.err());
        JsonNode j = Json.MAPPER.readTree(tmp.resolve("real.npy.eval.json").toFile());
        JsonNode m = j.path("samples").path("metrics");
        assertEquals(80, j.path("samples").path("sampleCount").asInt());
        assertTrue(m.path("precision_fmnistcnn").asDouble() > 0.5, m.toString());
        assertEquals(0, m.path("exact_copies").asInt()); // held-out images are not training images

        Path dir = tmp.resolve("pngs");
        for (int i = 0; i < 12; i++) {
            byte[] img = new byte[784];
            heldOut.copyImage(i, img, 0);
            PngImages.write(dir.resolve("s" + i + ".png"), img, 1, 28, 28);
        }
        Path json = tmp.resolve("folder.json");
        Out d = gen4j(concat(new String[] {"eval", "--samples", dir.toString(), "--dataset", "embedded", "--out",
            json.toString()}, SMALL));
        assertEquals(0, d.code(), d.err());
        assertEquals(12, Json.MAPPER.readTree(json.toFile()).path("samples").path("sampleCount").asInt());
    }

    @Test
    void badInputGivesOneLineAndNonZeroExit() throws IOException {
        Out none = gen4j("eval");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("exactly one of"), none.err());
        Out missing = gen4j("eval", "--samples", tmp.resolve("nope.npy").toString(), "--dataset", "embedded");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.npy") && missing.err().strip().lines().count() == 1, missing.err());
        Path wrong = tmp.resolve("wrong.npy");
        Npy.writeUint8(wrong, new byte[5 * 3 * 8 * 8], 5, 3, 8, 8);
        Out shape = gen4j("eval", "--samples", wrong.toString(), "--dataset", "embedded");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("3x8x8"), shape.err());
        assertFalse(Files.exists(tmp.resolve("wrong.npy.eval.json")));
        // too few samples are refused before any feature is extracted (it used to take a minute first)
        Path three = tmp.resolve("three.npy");
        Npy.writeUint8(three, new byte[3 * 28 * 28], 3, 1, 28, 28);
        Out few = gen4j("eval", "--samples", three.toString(), "--dataset", "embedded");
        assertEquals(2, few.code());
        assertTrue(few.err().contains("need at least") && few.err().contains("got 3"), few.err());
        assertFalse(few.out().contains("features of"), few.out());
    }

    @Test
    void trainClassifierExportsANamedFeatureNetworkThatEvalUses() throws IOException {
        Path out = tmp.resolve("clf");
        Out t = gen4j("train", "classifier", "--data", "embedded", "--limit", "512", "--steps", "6", "--batch-size",
                "64", "--eval-every", "3", "--name", "tinycnn", "--out", out.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("test accuracy"), t.out());
        Path run;
        try (Stream<Path> s = Files.list(out)) {
            run = s.findFirst().orElseThrow();
        }
        assertTrue(Files.isRegularFile(run.resolve("feature-network.g4jnet")));
        Path f = npy("few.npy", 40);
        Path json = tmp.resolve("tiny.json");
        Out e = gen4j(concat(new String[] {"eval", "--samples", f.toString(), "--dataset", "embedded", "--features",
            run.toString(), "--out", json.toString()}, SMALL));
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.MAPPER.readTree(json.toFile()).path("samples").path("metrics").has("fid_tinycnn"));
    }
}
