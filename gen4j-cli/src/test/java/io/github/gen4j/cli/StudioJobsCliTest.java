package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.github.gen4j.studio.Studio;
import io.github.gen4j.studio.StudioConfig;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.RunStatus;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's start, stop and resume with the real gen4j CLI as the child process ({@link
 * StudioCommand#gen4jCommand()}): a tiny VAE started over HTTP trains, SIGTERM from the Stop button makes it
 * write a checkpoint and end as stopped, and a resume job finishes it.
 */
class StudioJobsCliTest {

    @TempDir Path tmp;

    private HttpClient http;
    private Studio studio;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(studio.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String json, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(studio.baseUrl() + path))
                .header("Origin", studio.baseUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    /** The job {@code id} once {@code test} holds; fails with its last output lines after two minutes. */
    private JsonNode awaitJob(String id, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode j : Json.MAPPER.readTree(get("/api/jobs").body()).path("jobs")) {
                if (j.path("id").asText().equals(id)) {
                    job = j;
                }
            }
            if (job != null && test.test(job)) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + ": " + job + "\n" + get("/api/jobs/" + id + "/log?lines=30").body());
    }

    @Test
    void aTinyTrainingStartedFromTheStudioStopsWithACheckpointAndResumesToTheEnd() throws Exception {
        Path runs = tmp.resolve("runs");
        studio = Studio.start(StudioConfig.local(runs, 0, StudioCommand.gen4jCommand()));
        try {
            http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertEquals(302, get("/?token=" + studio.config().token()).statusCode());

            JsonNode job = post("/api/jobs/start", "{\"kind\": \"train\", \"family\": \"vae\", \"size\": \"tiny\","
                    + " \"steps\": 100000, \"batch\": 16, \"data\": \"embedded\", \"limit\": 256}", 201);
            String id = job.path("id").asText();
            // running: the run folder is known and its status.json says training
            String run = awaitJob(id, j -> j.path("run").isTextual()).path("run").asText();
            long deadline = System.nanoTime() + 120_000_000_000L;
            JsonNode summary;
            do {
                Thread.sleep(200);
                summary = Json.MAPPER.readTree(get("/api/run?id=" + run).body()).path("summary");
            } while (!summary.path("status").asText().equals("training") && System.nanoTime() < deadline);
            assertEquals("training", summary.path("status").asText(), summary.toString());

            JsonNode stopping = post("/api/jobs/" + id + "/stop", "", 200);
            assertTrue(stopping.path("stopping").asBoolean(), stopping.toString());
            JsonNode stopped = awaitJob(id, j -> !j.path("state").asText().equals("running"));
            assertEquals("stopped", stopped.path("state").asText(), stopped.toString());
            assertEquals(143, stopped.path("exitCode").asInt(), "gen4j's exit status after SIGTERM");
            assertTrue(stopped.path("resumable").asBoolean());
            String tail = get("/api/jobs/" + id + "/log").body();
            assertTrue(tail.contains("stopped by a signal: resume with gen4j train vae --resume"), tail);
            Path folder = runs.toRealPath().resolve(run);
            Path ckpt = new CheckpointStore(folder.resolve("checkpoints")).latest().orElseThrow();
            Checkpoint.verify(ckpt);
            long at = CheckpointStore.stepOf(ckpt);
            RunStatus status = RunStatus.read(folder).orElseThrow();
            assertEquals(RunStatus.State.STOPPED, status.state());
            assertEquals(status.step(), at, "the checkpoint is of the step it stopped at");
            assertEquals("stopped", Json.MAPPER.readTree(get("/api/run?id=" + run).body()).path("summary")
                    .path("status").asText());

            JsonNode resume = post("/api/jobs/start", "{\"kind\": \"resume\", \"run\": \"" + run + "\", \"steps\": "
                    + (at + 5) + "}", 201);
            assertTrue(resume.path("args").toString().contains("\"--resume\""), resume.toString());
            JsonNode done = awaitJob(resume.path("id").asText(), j -> !j.path("state").asText().equals("running")
                    && !j.path("state").asText().equals("queued"));
            assertEquals("finished", done.path("state").asText(), done.toString());
            assertEquals(0, done.path("exitCode").asInt());
            JsonNode finished = Json.MAPPER.readTree(get("/api/run?id=" + run).body()).path("summary");
            assertEquals("finished", finished.path("status").asText(), finished.toString());
            assertEquals(at + 5, finished.path("step").asLong());
            assertEquals(at + 5, CheckpointStore.stepOf(new CheckpointStore(folder.resolve("checkpoints")).latest()
                    .orElseThrow()));
            assertFalse(Files.readString(runs.toRealPath().resolve(
                    Json.MAPPER.readTree(get("/api/jobs/" + id + "/log").body()).path("file").asText())).isEmpty());
        } finally {
            studio.close();
        }
    }
}
