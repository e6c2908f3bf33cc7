package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.train.MetricsLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-Sent Events while a tiny training runs in a background thread of this JVM: the run's stream sends
 * each new metrics record once, a 'sample' event per new grid and 'status' from training to finished; the
 * stream without an id sends the runs table again when a run folder appears.
 */
class LiveEventsTest extends StudioTestBase {

    /** Per event: the studio polls once a second, the machine may be busy. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() {
        TinyRuns.copy(TinyRuns.template("vae"), runs, "done");
        startStudio(runs);
    }

    @Test
    void aRunBeingTrainedStreamsNewMetricsGridsAndItsStatus() throws Exception {
        try (TinyRuns.LiveRun live = TinyRuns.live(runs, "live", "vae",
                TinyRuns.settings(6).sampleEvery(1).evalEvery(3).build())) {
            live.allow(2);
            live.awaitWritten(2, WAIT);
            try (SseStream events = client.events("id=" + live.id())) {
                assertEquals(200, events.status());
                assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                Progress p = new Progress();
                p.takeUntil(events, () -> p.lastStatus != null);
                assertEquals(Set.of(1L, 2L), p.trainSteps.keySet(), "the first event carries what exists");
                assertEquals(Set.of(1L, 2L), p.sampleSteps);
                assertEquals("training", p.lastStatus.path("status").asText(), p.lastStatus.toString());
                assertEquals(2, p.lastStatus.path("step").asLong());

                live.allow(4);
                p.takeUntil(events, () -> p.sampleSteps.contains(4L) && p.lastStatus.path("step").asLong() == 4);
                assertEquals(Set.of(1L, 2L, 3L, 4L), p.trainSteps.keySet());
                assertEquals("training", p.lastStatus.path("status").asText());
                assertTrue(p.lastStatus.path("heldOutValue").isNumber(), "held out at step 3: " + p.lastStatus);
                assertTrue(p.evalSteps.contains(3L), p.evalSteps.toString());

                live.finish(WAIT);
                p.takeUntil(events, () -> "finished".equals(p.lastStatus.path("status").asText()));
                assertEquals(6, p.lastStatus.path("step").asLong());
                assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L), p.trainSteps.keySet());
                p.trainSteps.forEach((step, n) -> assertEquals(1, n, "step " + step + " sent " + n + " times"));
                assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 6L)), p.sampleSteps);
                // what the events announced is what the routes serve
                HttpResponse<byte[]> grid = client.getBytes("/api/run/sample-grid?id=live&name=" + p.lastGridFile);
                assertEquals(200, grid.statusCode());
                assertEquals(MetricsLog.read(live.folder().resolve("metrics.jsonl")).size(), p.records);
            }
        }
    }

    /** What a run's stream has said so far, checked event by event. */
    private static final class Progress {
        final TreeMap<Long, Integer> trainSteps = new TreeMap<>();
        final Set<Long> evalSteps = new TreeSet<>();
        final Set<Long> sampleSteps = new TreeSet<>();
        JsonNode lastStatus;
        String lastGridFile;
        int records;

        void takeUntil(SseStream events, java.util.function.BooleanSupplier done) {
            while (!done.getAsBoolean()) {
                SseStream.Event e = events.next(WAIT);
                JsonNode d = e.json();
                assertEquals("live", d.path("id").asText(), e.toString());
                switch (e.name()) {
                    case "metrics" -> d.path("records").forEach(r -> {
                        records++;
                        long step = r.path("step").asLong();
                        if (r.path("kind").asText().equals("train")) {
                            trainSteps.merge(step, 1, Integer::sum);
                        } else if (r.path("kind").asText().equals("eval")) {
                            evalSteps.add(step);
                        }
                    });
                    case "sample" -> {
                        if (d.path("kind").asText().equals("samples")) {
                            sampleSteps.add(d.path("step").asLong());
                            lastGridFile = d.path("file").asText();
                        }
                    }
                    case "status" -> lastStatus = d;
                    default -> throw new AssertionError("unexpected event " + e);
                }
            }
        }
    }

    @Test
    void aFinishedRunSendsItsHistoryOnceAndEveryStreamNamesItsRun() throws Exception {
        try (SseStream events = client.events("id=done&id=done")) {
            assertEquals(200, events.status());
            List<String> names = new ArrayList<>();
            int records = 0;
            for (SseStream.Event e : events.drain(Duration.ofSeconds(3))) {
                names.add(e.name());
                assertEquals("done", e.json().path("id").asText());
                records += e.name().equals("metrics") ? e.json().path("records").size() : 0;
            }
            assertEquals("metrics", names.get(0), names.toString());
            assertTrue(names.contains("status"), names.toString());
            assertEquals(MetricsLog.read(runs.resolve("done/metrics.jsonl")).size(), records,
                    "every record once, and nothing again while the run does not change: " + names);
        }
    }

    @Test
    void aRecordLoggedAfterItsStepWasSentIsSentToo() throws Exception {
        // the trainer logs a step's evaluation after its training record: a poll may fall between the two
        Path run = TinyRuns.copy(TinyRuns.template("vae"), runs, "eval-later");
        Path metrics = run.resolve("metrics.jsonl");
        List<String> lines = java.nio.file.Files.readAllLines(metrics);
        String eval = lines.stream().filter(l -> l.contains("\"eval\"")).reduce((a, b) -> b).orElseThrow();
        java.nio.file.Files.write(metrics, lines.stream().filter(l -> !l.contains("\"eval\"")).toList());
        try (SseStream events = client.events("id=eval-later")) {
            JsonNode first = events.next("metrics", WAIT).json();
            assertEquals(6, first.path("records").size(), first.toString());
            java.nio.file.Files.writeString(metrics, eval + "\n", java.nio.file.StandardOpenOption.APPEND);
            JsonNode later = events.next("metrics", WAIT).json();
            assertEquals(1, later.path("records").size(), later.toString());
            assertEquals("eval", later.path("records").get(0).path("kind").asText());
            assertEquals(6, later.path("records").get(0).path("step").asLong());
        }
    }

    @Test
    void closedStreamsAreLetGo() throws Exception {
        try (SseStream events = client.events("id=done")) {
            events.next("status", WAIT);
            assertTrue(studio.openEventStreams() >= 1);
        }
        // every test here closes its streams; a run that no longer changes sends nothing, so only the
        // heartbeat finds out that a page has gone
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (studio.openEventStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, studio.openEventStreams(), "closed streams are still polled");
    }

    @Test
    void tooManyRunsInOneStreamIs400() {
        String query = String.join("&", java.util.Collections.nCopies(LiveEvents.MAX_RUNS + 1, "id=done"));
        try (SseStream events = client.events(query)) {
            assertEquals(400, events.status());
        }
    }

    @Test
    void theRunsStreamSendsTheTableAgainWhenARunAppears() {
        try (SseStream events = client.events("")) {
            JsonNode first = events.next("runs", WAIT).json();
            assertTrue(ids(first).contains("done"), first.toString());
            assertFalse(ids(first).contains("appeared"));
            TinyRuns.copy(TinyRuns.template("gan"), runs, "appeared");
            // the folder is copied file by file: the table may show it half-written first, then as it is
            events.next("runs", t -> rowOf(t, "appeared").path("family").asText().equals("gan")
                    && rowOf(t, "appeared").path("status").asText().equals("finished"), WAIT);
        }
    }

    private static JsonNode rowOf(JsonNode table, String id) {
        for (JsonNode row : table) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Set<String> ids(JsonNode table) {
        Set<String> ids = new TreeSet<>();
        table.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
