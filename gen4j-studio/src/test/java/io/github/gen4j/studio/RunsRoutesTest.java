package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read routes over a runs folder with runs in every state: finished (two families), killed while
 * training (status.json says training, its process is gone), failed, a broken config.json, an old run
 * without status.json, a comparison's run, a run hidden in a dot folder and a run whose metrics.jsonl cannot
 * be decoded.
 */
class RunsRoutesTest extends StudioTestBase {

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        TinyRuns.copy(TinyRuns.template("vae"), runs, "vae-done");
        TinyRuns.copy(TinyRuns.template("gan"), runs, "gan-done");
        Path killed = TinyRuns.copy(TinyRuns.template("vae"), runs, "killed");
        long dead = deadPid();
        editStatus(killed, s -> s.put("state", "TRAINING").put("pid", dead));
        Path crashed = TinyRuns.copy(TinyRuns.template("vae"), runs, "crashed");
        editStatus(crashed, s -> s.put("state", "FAILED").put("message", "out of memory at step 3"));
        Path broken = TinyRuns.copy(TinyRuns.template("vae"), runs, "broken");
        Files.writeString(broken.resolve("config.json"), "{\"family\": \"vae\", \"train\": ");
        Path old = TinyRuns.copy(TinyRuns.template("vae"), runs, "old-finished");
        Files.delete(old.resolve(RunStatus.FILE));
        Path oldStopped = TinyRuns.copy(TinyRuns.template("vae"), runs, "old-stopped");
        Files.delete(oldStopped.resolve(RunStatus.FILE));
        Files.delete(oldStopped.resolve("checkpoints").resolve("step-00000006.ckpt"));
        Path comparison = Files.createDirectories(runs.resolve("compare-x"));
        Files.writeString(comparison.resolve("settings.json"), "{}");
        TinyRuns.copy(TinyRuns.template("vae"), comparison.resolve("runs"), "vae-seed1");
        TinyRuns.copy(TinyRuns.template("vae"), runs.resolve(".trash"), "thrown-away");
        Path garbled = TinyRuns.copy(TinyRuns.template("vae"), runs, "garbled-metrics");
        Files.write(garbled.resolve("metrics.jsonl"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'},
                StandardOpenOption.APPEND);
        startStudio(runs);
    }

    /** The pid of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    static void editStatus(Path run, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode s = (ObjectNode) Json.MAPPER.readTree(run.resolve(RunStatus.FILE).toFile());
        edit.accept(s);
        Files.writeString(run.resolve(RunStatus.FILE), s.toString());
    }

    static Map<String, JsonNode> rows() {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        client.getJson("/api/runs").forEach(r -> rows.put(r.path("id").asText(), r));
        return rows;
    }

    @Test
    void theTableHasARowPerRunFolderWithItsState() {
        Map<String, JsonNode> rows = rows();
        assertEquals(List.of("broken", "compare-x/runs/vae-seed1", "crashed", "gan-done", "garbled-metrics",
                "killed", "old-finished", "old-stopped", "vae-done"), rows.keySet().stream().sorted().toList());
        JsonNode vae = rows.get("vae-done");
        assertEquals("vae", vae.path("family").asText());
        assertEquals("finished", vae.path("status").asText());
        assertEquals(6, vae.path("step").asLong());
        assertEquals(6, vae.path("targetSteps").asLong());
        assertTrue(vae.path("imagesPerSecond").asDouble() > 0, vae.toString());
        assertTrue(vae.path("heldOutValue").isNumber() && vae.path("heldOutMetric").asText().endsWith("bpd"),
                "a VAE's headline held-out metric is in bits/dim: " + vae);
        assertEquals("gan", rows.get("gan-done").path("family").asText());
        assertEquals("finished", rows.get("gan-done").path("status").asText());
        assertEquals("compare-x", rows.get("compare-x/runs/vae-seed1").path("comparison").asText());
        assertTrue(rows.get("vae-done").path("comparison").isNull());
    }

    @Test
    void aRunWhoseTrainingProcessIsGoneIsStopped() {
        JsonNode killed = rows().get("killed");
        assertEquals("stopped", killed.path("status").asText());
        assertTrue(killed.path("statusMessage").asText().contains("ended without saying why"), killed.toString());
    }

    @Test
    void aFailedRunShowsWhy() {
        JsonNode crashed = rows().get("crashed");
        assertEquals("failed", crashed.path("status").asText());
        assertEquals("out of memory at step 3", crashed.path("statusMessage").asText());
    }

    @Test
    void aBrokenConfigIsAFailedRowWithTheReasonNotA500() {
        JsonNode broken = rows().get("broken");
        assertEquals("failed", broken.path("status").asText());
        assertTrue(broken.path("statusMessage").asText().startsWith("config.json: "), broken.toString());
        HttpResponse<String> r = client.get("/api/run?id=broken");
        assertEquals(422, r.statusCode());
        assertTrue(StudioClient.json(r).path("error").asText().startsWith("broken/config.json: "), r.body());
    }

    @Test
    void aRunWithoutStatusIsFinishedWhenItsCheckpointReachedTheSteps() {
        Map<String, JsonNode> rows = rows();
        assertEquals("finished", rows.get("old-finished").path("status").asText());
        assertEquals("stopped", rows.get("old-stopped").path("status").asText());
    }

    @Test
    void aRunWithUndecodableMetricsIsStillARow() {
        JsonNode row = rows().get("garbled-metrics");
        assertEquals("vae", row.path("family").asText(), row.toString());
        assertTrue(row.path("statusMessage").asText().contains("metrics.jsonl: cannot read: not UTF-8"),
                row.toString());
        HttpResponse<String> r = client.get("/api/run/metrics?id=garbled-metrics");
        assertEquals(422, r.statusCode());
        assertEquals("garbled-metrics/metrics.jsonl: cannot read: not UTF-8 text",
                StudioClient.json(r).path("error").asText());
    }

    @Test
    void everyRowOpensAndTheTableIsNewestFirst() {
        List<String> created = new ArrayList<>();
        for (JsonNode row : client.getJson("/api/runs")) {
            String id = row.path("id").asText();
            int status = client.get("/api/run?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).statusCode();
            assertTrue(status == 200 || id.equals("broken") && status == 422, id + " -> " + status);
            created.add(row.path("created").asText());
        }
        List<String> sorted = new ArrayList<>(created);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, created);
    }

    @Test
    void oneRunHasItsConfigCheckpointsAndGrids() {
        JsonNode run = client.getJson("/api/run?id=vae-done");
        assertEquals("vae-done", run.path("summary").path("id").asText());
        assertEquals("vae", run.path("config").path("family").asText());
        assertEquals(6, run.path("config").path("train").path("steps").asLong());
        List<Long> checkpoints = new ArrayList<>();
        run.path("checkpoints").forEach(c -> checkpoints.add(c.path("step").asLong()));
        assertEquals(6L, checkpoints.get(checkpoints.size() - 1), run.path("checkpoints").toString());
        List<String> samples = new ArrayList<>();
        run.path("samples").forEach(g -> {
            if (g.path("kind").asText().equals("samples")) {
                samples.add(g.path("step").asLong() + ":" + g.path("file").asText());
            }
        });
        assertEquals(List.of("2:samples-step-00000002.png", "4:samples-step-00000004.png",
                "6:samples-step-00000006.png"), samples);
    }

    @Test
    void metricsAfterAStepAreTheNewerRecordsOnly() {
        JsonNode all = client.getJson("/api/run/metrics?id=vae-done");
        List<Long> trainSteps = new ArrayList<>();
        all.forEach(m -> {
            if (m.path("kind").asText().equals("train")) {
                trainSteps.add(m.path("step").asLong());
            }
        });
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), trainSteps);
        JsonNode after = client.getJson("/api/run/metrics?id=vae-done&after=4");
        assertTrue(after.size() > 0);
        after.forEach(m -> assertTrue(m.path("step").asLong() > 4, m.toString()));
        assertEquals(all.size(), client.getJson("/api/run/metrics?id=vae-done&after=-1").size());
        assertEquals(0, client.getJson("/api/run/metrics?id=vae-done&after=6").size());
    }

    @Test
    void aNonNumericAfterIs400() {
        HttpResponse<String> r = client.get("/api/run/metrics?id=vae-done&after=four");
        assertEquals(400, r.statusCode());
        assertTrue(StudioClient.json(r).path("error").asText().startsWith("after: 'four'"), r.body());
    }

    @Test
    void aSampleGridIsThePngFile() throws IOException {
        HttpResponse<byte[]> r = client.getBytes("/api/run/sample-grid?id=vae-done&name=samples-step-00000004.png");
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(Files.readAllBytes(runs.resolve("vae-done/samples/samples-step-00000004.png")), r.body());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(r.body(), 4));
    }

    @Test
    void aMissingRunOrGridIs404() {
        for (String path : List.of("/api/run?id=nope", "/api/run?id=compare-x", "/api/run/metrics?id=nope",
                "/api/run/sample-grid?id=vae-done&name=samples-step-00000005.png")) {
            HttpResponse<String> r = client.get(path);
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertFalse(StudioClient.json(r).path("error").asText().isBlank());
        }
        assertEquals(400, client.get("/api/run").statusCode(), "no id");
    }

    @Test
    void infoNamesTheFamiliesAndWhatThisStudioCanDo() {
        JsonNode info = client.getJson("/api/info");
        List<String> families = new ArrayList<>();
        info.path("families").forEach(f -> families.add(f.asText()));
        assertTrue(families.containsAll(List.of("vae", "gan", "diffusion", "flow")), families.toString());
        assertFalse(info.path("canStartJobs").asBoolean(), "started without a gen4j command");
        assertFalse(info.path("exposed").asBoolean());
        assertEquals(runs.toAbsolutePath().toString(), info.path("runs").asText());
    }

    @Test
    void thePagesAreServedFromTheJar() {
        for (String path : List.of("/", "/app.js", "/runs.js", "/view.js", "/charts.js", "/style.css",
                "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")) {
            HttpResponse<String> r = client.get(path);
            assertEquals(200, r.statusCode(), path);
        }
        String html = client.get("/").body();
        try (Stream<String> lines = html.lines()) {
            assertTrue(lines.noneMatch(l -> l.contains("http://") || l.contains("https://")),
                    "the page loads nothing from elsewhere");
        }
        // the Content-Security-Policy (script-src 'self') refuses inline scripts and handlers
        assertFalse(java.util.regex.Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(),
                "an inline <script> would not run");
        assertFalse(java.util.regex.Pattern.compile("\\son[a-z]+=").matcher(html).find(),
                "an inline event handler would not run");
    }
}
