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

/** {@code gen4j compare} end to end with one tiny family; usage errors. */
class CompareCliTest {

    static final String[] TINY = {"compare", "--families", "vae", "--models", "tiny", "--steps", "3", "--data",
        "embedded", "--limit", "256", "--batch-size", "32", "--eval-samples", "30", "--likelihood-images", "20",
        "--curve-points", "1", "--seeds", "vae=1", "--toy-steps", "0"};

    @Test
    void compareWritesTheReportAndResumeSkipsTheFinishedRun(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j(CliTest.concat(TINY, "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err() + o.out());
        Path dir = CliTest.only(tmp, "compare-");
        for (String f : new String[] {"report.html", "summary.md", "results.json", "settings.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(o.out().contains("report:") && o.out().contains("fid"), o.out());
        JsonNode results = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
        assertEquals("ok", results.path("runs").get(0).path("status").asText());

        assertTrue(results.path("toy").path("note").asText().contains("--toy-steps 0"), results.toString());
        assertTrue(results.path("runs").get(0).path("metrics").path("interp_path_ratio").isNumber());

        // resume skips the finished run; --toy-steps may add the toy section afterwards
        CliTest.Out again = CliTest.gen4j("compare", "--resume", dir.toString(), "--toy-steps", "5");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("skipping vae seed 42: already ok"), again.out());
        JsonNode toy = Json.MAPPER.readTree(dir.resolve("results.json").toFile()).path("toy");
        assertEquals(5, toy.path("steps").asInt(), toy.toString());
        assertEquals(2, toy.path("results").size(), "the VAE's toy on the ring and the moons");
        assertTrue(Files.isRegularFile(dir.resolve("toy/gallery.png")));
    }

    @Test
    void theDemonstrationIsTheCommandLineItPrints() {
        CompareCommand printed = new CompareCommand();
        new picocli.CommandLine(printed).parseArgs(CompareOptions.DEMO);
        CompareCommand demo = new CompareCommand();
        new picocli.CommandLine(demo).parseArgs();
        demo.what.demo();
        assertEquals(printed.what.models, demo.what.models);
        assertEquals(printed.what.budget, demo.what.budget);
        assertEquals(printed.what.data, demo.what.data);
        assertEquals(printed.what.limit, demo.what.limit);
        assertEquals(printed.what.evalSamples, demo.what.evalSamples);
        assertEquals(printed.what.variantSamples, demo.what.variantSamples);
        assertEquals(printed.what.likelihoodImages, demo.what.likelihoodImages);
        assertEquals(printed.what.curvePoints, demo.what.curvePoints);
        assertEquals(printed.what.toySteps, demo.what.toySteps);
    }

    @Test
    void onlyWhereToRunKeepsTheDemonstration() {
        assertTrue(CompareOptions.isDemo(new picocli.CommandLine(new CompareCommand()).parseArgs()));
        assertTrue(CompareOptions.isDemo(new picocli.CommandLine(new CompareCommand()).parseArgs("--out", "x",
                "--device", "cpu")));
        assertFalse(CompareOptions.isDemo(new picocli.CommandLine(new CompareCommand()).parseArgs("--out", "x",
                "--budget", "1m")));
        assertFalse(CompareOptions.isDemo(new picocli.CommandLine(new CompareCommand()).parseArgs("--seeds", "2")));
    }

    @Test
    void anUnknownFamilyOrBadSeedsIsAOneLineUsageErrorAndWritesNothing(@TempDir Path tmp) throws IOException {
        CliTest.Out o = CliTest.gen4j("compare", "--families", "vae,nope", "--out", tmp.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--families: unknown family 'nope'") && o.err().strip().lines().count() == 1,
                o.err());
        CliTest.Out s = CliTest.gen4j("compare", "--families", "vae,gan", "--seeds", "vae=3,flow=1", "--out",
                tmp.toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("--seeds: 'flow' is not among the compared families"), s.err());
        CliTest.Out twice = CliTest.gen4j("compare", "--families", "vae,vae", "--out", tmp.toString());
        assertEquals(2, twice.code()); // it used to train both, then fail at chart time on every --resume
        assertTrue(twice.err().contains("--families: each family once, got vae,vae"), twice.err());
        CliTest.Out r = CliTest.gen4j("compare", "--resume", tmp.resolve("missing").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is not a comparison folder"), r.err());
        try (var files = Files.list(tmp)) {
            assertFalse(files.findAny().isPresent(), "nothing written");
        }
    }
}
