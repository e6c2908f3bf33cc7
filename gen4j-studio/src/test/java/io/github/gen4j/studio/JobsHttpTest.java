package io.github.gen4j.studio;

import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting, queueing, stopping and resuming jobs over HTTP, with {@link FakeGen4j} as the gen4j CLI (a child
 * JVM that behaves as {@code gen4j train} does towards the studio: run folder line, SIGTERM, exit codes).
 */
class JobsHttpTest {

    @TempDir Path tmp;
    Path runs;
    Studio studio;
    StudioClient s;

    @BeforeEach
    void start() throws Exception {
        runs = Files.createDirectories(tmp.resolve("runs")).toRealPath();
        studio = Studio.start(StudioConfig.local(runs, 0, FakeGen4j.command()));
        s = StudioClient.signedIn(studio);
    }

    @AfterEach
    void stop() {
        studio.close();
    }

    /** POST of the JSON {@code body} exactly as given (malformed ones included), as the page sends it. */
    static HttpResponse<String> post(StudioClient c, String path, String body) {
        return c.post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Polls GET {@code path} until {@code test} holds (at most a minute: the machine may be busy). */
    private JsonNode await(String path, Predicate<JsonNode> test) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = s.getJson(path);
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within a minute: " + path + " -> " + last);
    }

    private JsonNode submit(String body) {
        return json(post(s, "/api/jobs/start", body), 201);
    }

    private JsonNode awaitJob(String id, Predicate<JsonNode> test) throws Exception {
        JsonNode all = await("/api/jobs", b -> {
            for (JsonNode j : b.path("jobs")) {
                if (j.path("id").asText().equals(id)) {
                    return test.test(j);
                }
            }
            return false;
        });
        for (JsonNode j : all.path("jobs")) {
            if (j.path("id").asText().equals(id)) {
                return j;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void jobsGetTheAllocatorSettingsUnlessTheEnvironmentHasItsOwn() {
        Map<String, String> env = Jobs.withAllocatorEnvironment(new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4")));
        assertEquals("4", env.get("MALLOC_ARENA_MAX")); // the user's value wins
        assertEquals("2147483648", env.get("MALLOC_TRIM_THRESHOLD_"));
        assertEquals("33554432", env.get("MALLOC_MMAP_THRESHOLD_"));
    }

    @Test
    void aTrainingRunsWithTheBuiltArgumentsFindsItsRunFolderAndFinishes() throws Exception {
        JsonNode job = submit("{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 10, \"seed\": 3}");
        assertEquals("running", job.path("state").asText());
        List<String> expected = List.of("train", "vae", "--steps", "10", "--seed", "3", "--data", "embedded", "--out",
                runs.toString());
        assertEquals(expected, strings(job.path("args")));
        String id = job.path("id").asText();
        JsonNode done = awaitJob(id, j -> j.path("state").asText().equals("finished"));
        assertEquals(0, done.path("exitCode").asInt());
        String run = done.path("run").asText();
        assertTrue(run.startsWith("vae-fake-"), run);
        // what the child got is exactly the list shown
        assertEquals(expected, List.of(Files.readString(runs.resolve(run).resolve("args.txt")).split("\n")));
        // and glibc's allocator set for training
        assertEquals("MALLOC_ARENA_MAX=1\nMALLOC_TRIM_THRESHOLD_=2147483648",
                Files.readString(runs.resolve(run).resolve("env.txt")));
        JsonNode log = json(s.get("/api/jobs/" + id + "/log?lines=5"), 200);
        List<String> lines = strings(log.path("lines"));
        assertTrue(lines.get(lines.size() - 1).contains("done: 10 steps"), lines.toString());
        assertTrue(Files.readString(runs.resolve(log.path("file").asText())).contains("run folder: " + runs.resolve(run)));
        // the run is in the runs table with the status the child wrote
        assertEquals("finished", json(s.get("/api/run?id=" + run), 200).path("summary").path("status").asText());
    }

    @Test
    void theDemonstrationComparisonFindsItsComparisonFolder() throws Exception {
        JsonNode job = submit("{\"kind\": \"compare\", \"demo\": true}");
        assertEquals(List.of("compare", "--out", runs.toString()), strings(job.path("args")));
        JsonNode j = awaitJob(job.path("id").asText(), x -> x.path("comparison").isTextual());
        assertTrue(j.path("comparison").asText().startsWith("compare-fake-"), j.toString());
        json(post(s, "/api/jobs/" + job.path("id").asText() + "/stop", ""), 200);
    }

    @Test
    void stopSendsSigtermTheJobEndsStoppedWithACheckpointAndResumes() throws Exception {
        String id = submit("{\"kind\": \"train\", \"family\": \"vae\"}").path("id").asText();
        String run = awaitJob(id, j -> j.path("run").isTextual() && j.path("lastLine").asText().contains("train fake"))
                .path("run").asText();
        JsonNode stopped = json(post(s, "/api/jobs/" + id + "/stop", ""), 200);
        assertTrue(stopped.path("stopping").asBoolean(), stopped.toString());
        JsonNode j = awaitJob(id, x -> !x.path("state").asText().equals("running"));
        assertEquals("stopped", j.path("state").asText(), j.toString());
        assertEquals(143, j.path("exitCode").asInt());
        assertTrue(j.path("resumable").asBoolean());
        try (var ckpts = Files.list(runs.resolve(run).resolve("checkpoints"))) {
            assertEquals(1, ckpts.count(), "the checkpoint written on SIGTERM");
        }
        assertEquals("stopped", json(s.get("/api/run?id=" + run), 200).path("summary").path("status").asText());
        // what the child printed while stopping is kept (the signal must not close its pipe)
        String tail = json(s.get("/api/jobs/" + id + "/log"), 200).path("lines").toString();
        assertTrue(tail.contains("gen4j: stopping after this step") && tail.contains("stopped by a signal"), tail);
        assertEquals(409, post(s, "/api/jobs/" + id + "/stop", "").statusCode(), "it has ended");

        JsonNode resume = submit("{\"kind\": \"resume\", \"run\": \"" + run + "\", \"steps\": 5}");
        assertEquals(List.of("train", "vae", "--resume", runs.resolve(run).toString(), "--steps", "5"),
                strings(resume.path("args")));
        assertEquals(run, resume.path("run").asText());
        JsonNode r = awaitJob(resume.path("id").asText(), x -> x.path("state").asText().equals("finished"));
        assertEquals(0, r.path("exitCode").asInt());
        assertEquals("finished", json(s.get("/api/run?id=" + run), 200).path("summary").path("status").asText());
    }

    @Test
    void oneJobRunsAtATimeTheQueueIsBoundedAndFirstInFirstOut() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= Jobs.MAX_QUEUED; i++) {
            JsonNode j = submit("{\"kind\": \"train\", \"family\": \"flow\", \"steps\": 100000}");
            assertEquals(i == 0 ? "running" : "queued", j.path("state").asText(), j.toString());
            ids.add(j.path("id").asText());
        }
        HttpResponse<String> full = post(s, "/api/jobs/start", "{\"kind\": \"train\", \"family\": \"flow\"}");
        assertEquals(429, full.statusCode());
        assertTrue(json(full, 429).path("error").asText().startsWith("too many queued jobs"), full.body());
        // a queued job is taken off the queue without ever starting
        JsonNode off = json(post(s, "/api/jobs/" + ids.get(1) + "/stop", ""), 200);
        assertEquals("stopped", off.path("state").asText());
        assertTrue(off.path("exitCode").isNull() && off.path("started").isNull(), off.toString());
        assertFalse(off.path("resumable").asBoolean());
        // stopping the running one starts the oldest queued one
        json(post(s, "/api/jobs/" + ids.get(0) + "/stop", ""), 200);
        awaitJob(ids.get(2), j -> j.path("state").asText().equals("running"));
        JsonNode list = json(s.get("/api/jobs"), 200);
        assertEquals(1, list.path("maxJobs").asInt());
        long running = 0;
        for (JsonNode j : list.path("jobs")) {
            running += j.path("state").asText().equals("running") ? 1 : 0;
        }
        assertEquals(1, running, list.toString());
        assertEquals(ids.get(ids.size() - 1), list.path("jobs").get(0).path("id").asText(), "newest first");
    }

    @Test
    void aFailedJobShowsTheChildsLastLine() throws Exception {
        String id = submit("{\"kind\": \"train\", \"family\": \"vae\", \"seed\": 13}").path("id").asText();
        JsonNode j = awaitJob(id, x -> x.path("state").asText().equals("failed"));
        assertEquals(1, j.path("exitCode").asInt());
        assertEquals("gen4j: error: --seed 13 is unlucky (fake failure)", j.path("message").asText());
        assertNull(j.path("run").textValue());
    }

    @Test
    void requestsThatCannotBeServedGetAStatusAndOneLine() throws Exception {
        HttpResponse<String> bad = post(s, "/api/jobs/start", "{\"kind\": \"train\", \"family\": \"vae\", \"steps\": -1}");
        assertEquals("steps: expected a whole number in 1..10000000, got -1", json(bad, 400).path("error").asText());
        assertEquals(404, post(s, "/api/jobs/77/stop", "").statusCode());
        assertEquals(404, s.get("/api/jobs/77/log").statusCode());
        String id = submit("{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 1}").path("id").asText();
        assertEquals(400, s.get("/api/jobs/" + id + "/log?lines=0").statusCode());
        assertEquals(400, s.get("/api/jobs/" + id + "/log?lines=x").statusCode());
    }

    @Test
    void startingAndStoppingNeedTheCookieAndTheStudiosOrigin() throws Exception {
        String body = "{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 1}";
        StudioClient stranger = new StudioClient(studio);
        assertEquals(401, post(stranger, "/api/jobs/start", body).statusCode());
        for (String origin : new String[] {null, "http://evil.example", "null"}) {
            HttpRequest.Builder b = s.request("/api/jobs/start").POST(HttpRequest.BodyPublishers.ofString(body));
            if (origin != null) {
                b.header("Origin", origin);
            }
            assertEquals(403, s.send(b.build()).statusCode(), origin);
        }
        assertEquals(0, json(s.get("/api/jobs"), 200).path("jobs").size(), "nothing was started");
        assertEquals(401, stranger.get("/api/jobs").statusCode());
    }

    @Test
    void theOptionsListWhatTheFormMayChoose() throws Exception {
        JsonNode o = json(s.get("/api/jobs/options"), 200);
        assertEquals("vae", o.path("families").get(0).asText());
        assertEquals(List.of("plain", "stabilized", "wgan-gp"), strings(o.path("presets").path("gan")));
        assertEquals("embedded", o.path("data").get(0).path("name").asText());
        assertEquals(10_000_000, o.path("limits").path("steps").path("max").asLong());
        assertTrue(o.path("canStart").asBoolean());
        assertEquals(Jobs.MAX_QUEUED, o.path("maxQueued").asInt());
    }

    @Test
    void aStudioWithoutTheGen4jCommandCannotStartJobs() throws Exception {
        try (Studio bare = Studio.start(StudioConfig.local(runs, 0, List.of()))) {
            StudioClient b = StudioClient.signedIn(bare);
            assertFalse(json(b.get("/api/jobs/options"), 200).path("canStart").asBoolean());
            HttpResponse<String> r = post(b, "/api/jobs/start", "{\"kind\": \"train\", \"family\": \"vae\"}");
            assertEquals(503, r.statusCode(), r.body());
        }
    }

    @Test
    void closingTheStudioStopsItsJobsWhichWriteTheirCheckpoints() throws Exception {
        String id = submit("{\"kind\": \"train\", \"family\": \"gan\"}").path("id").asText();
        String run = awaitJob(id, j -> j.path("run").isTextual() && j.path("lastLine").asText().contains("train fake"))
                .path("run").asText();
        long pid = json(s.get("/api/jobs"), 200).path("jobs").get(0).path("pid").asLong();
        studio.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child has ended");
        try (var ckpts = Files.list(runs.resolve(run).resolve("checkpoints"))) {
            assertEquals(1, ckpts.count(), "the checkpoint written on SIGTERM");
        }
    }

    /** A gen4j process started elsewhere (here: the fake, from the test) training a run under --runs. */
    @Test
    void aRunTrainedElsewhereIsStoppedThroughItsStatusPid() throws Exception {
        List<String> cmd = FakeGen4j.command();
        cmd.addAll(List.of("train", "diffusion", "--out", runs.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.log").toFile())
                .start();
        try {
            Path run = runs.resolve("diffusion-fake-" + p.pid());
            JsonNode r = await("/api/runs", b -> b.size() == 1 && b.get(0).path("status").asText().equals("training"));
            assertEquals(runs.relativize(run).toString(), r.get(0).path("id").asText());
            JsonNode stop = json(post(s, "/api/run/stop?id=" + r.get(0).path("id").asText(), ""), 202);
            assertEquals(p.pid(), stop.path("pid").asLong());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the process got SIGTERM");
            assertEquals(143, p.exitValue());
            assertEquals("stopped", json(s.get("/api/run?id=" + runs.relativize(run)), 200).path("summary")
                    .path("status").asText());
            assertEquals(409, post(s, "/api/run/stop?id=" + runs.relativize(run), "").statusCode(), "not training now");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aStaleStatusNeverSignalsAProcessThatIsNotGen4j() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path run = Files.createDirectories(runs.resolve("stale"));
            Files.writeString(run.resolve("config.json"), "{\"family\": \"vae\", \"train\": {\"steps\": 10}}");
            writeStatus(run, "TRAINING", sleeper.pid(), RunProcesses.localHost());
            HttpResponse<String> r = post(s, "/api/run/stop?id=stale", "");
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(json(r, 409).path("error").asText().contains("is not a gen4j process"), r.body());
            assertTrue(sleeper.isAlive(), "not signalled");
            writeStatus(run, "TRAINING", ProcessHandle.current().pid(), RunProcesses.localHost());
            assertTrue(json(post(s, "/api/run/stop?id=stale", ""), 409).path("error").asText()
                    .contains("the studio's own process"));
            writeStatus(run, "TRAINING", sleeper.pid(), "another-host");
            assertTrue(json(post(s, "/api/run/stop?id=stale", ""), 409).path("error").asText()
                    .contains("trains on host another-host"));
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            writeStatus(run, "TRAINING", gone.pid(), RunProcesses.localHost());
            assertEquals(409, post(s, "/api/run/stop?id=stale", "").statusCode());
            assertEquals(400, post(s, "/api/run/stop?id=../stale", "").statusCode());
            assertEquals(404, post(s, "/api/run/stop?id=nothing", "").statusCode());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    private static void writeStatus(Path run, String state, long pid, String host) throws Exception {
        Files.writeString(run.resolve("status.json"), "{\"state\": \"" + state + "\", \"pid\": " + pid + ", \"host\": \""
                + host + "\", \"started\": \"" + java.time.Instant.now() + "\", \"updated\": \"2026-01-01T00:00:00Z\","
                + " \"step\": 0, \"message\": \"\"}");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
