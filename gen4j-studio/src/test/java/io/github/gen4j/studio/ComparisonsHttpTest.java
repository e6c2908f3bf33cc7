package io.github.gen4j.studio;

import static io.github.gen4j.studio.StudioClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.JobClaims;
import io.github.gen4j.family.FamilyRecipe;
import java.net.http.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparison folders: the list, one comparison's jobs and who runs them, and its report's files, served from
 * inside the folder only.
 */
class ComparisonsHttpTest {

    static final String SECRET = "secret-outside-the-comparison";

    @TempDir Path tmp;
    Path runs;
    Path cmp;
    Studio studio;
    StudioClient s;
    JobClaims.Claim claim;

    @BeforeEach
    void start() throws Exception {
        runs = Files.createDirectories(tmp.resolve("runs")).toRealPath();
        cmp = runs.resolve(ID);
        claim = comparison(cmp);
        Files.writeString(tmp.resolve("outside.png"), SECRET);
        Files.writeString(runs.resolve("beside.png"), SECRET);
        Files.createSymbolicLink(cmp.resolve("images").resolve("link-out.png"), tmp.resolve("outside.png"));
        Files.createSymbolicLink(cmp.resolve("linked-dir"), tmp);
        Files.writeString(cmp.resolve("model.ckpt"), SECRET);
        studio = Studio.start(StudioConfig.local(runs, 0, List.of()));
        s = StudioClient.signedIn(studio);
    }

    static final String ID = "compare-20260101-120000";

    /**
     * A comparison of vae and gan in {@code cmp}: the vae job held by a live process (this one: release the
     * returned claim), the gan job done with its run, and a report showing a 4x4 PNG from images/.
     */
    static JobClaims.Claim comparison(Path cmp) throws IOException {
        ComparisonFolder f = new ComparisonFolder(cmp);
        var plan = f.plan(new CompareSettings(List.of("vae", "gan"), Map.of("vae", 1, "gan", 1), 20, 0,
                FamilyRecipe.Scale.TINY, "embedded", 100, 32, 10, 10, 0, 1, 1, 1, 0));
        JobClaims.Claim claim = new JobClaims(f, Duration.ofMinutes(10)).tryClaim(plan.jobs().get(0)).orElseThrow();
        Path gan = Files.createDirectories(f.runFolder(plan.jobs().get(1)));
        Files.writeString(gan.resolve("config.json"), "{\"family\": \"gan\", \"train\": {\"steps\": 40}}");
        Files.writeString(gan.resolve(ComparisonFolder.RESULT_FILE), "{\"family\": \"gan\", \"seed\": 1, \"status\":"
                + " \"ok\", \"message\": \"\", \"run\": \"runs/gan-seed1\"}");
        Files.createDirectories(cmp.resolve("images"));
        Files.writeString(cmp.resolve("report.html"), "<!doctype html><h1>gen4j compare</h1>"
                + "<img id=\"grid\" src=\"images/gan-seed1.png\">");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                cmp.resolve("images").resolve("gan-seed1.png").toFile());
        return claim;
    }

    @AfterEach
    void stop() {
        claim.release();
        studio.close();
    }

    @Test
    void theListSummarizesEachComparison() throws Exception {
        JsonNode list = json(s.get("/api/comparisons"), 200);
        assertEquals(1, list.size());
        JsonNode c = list.get(0);
        assertEquals(ID, c.path("id").asText());
        assertEquals("running", c.path("state").asText());
        assertEquals(2, c.path("jobCount").asInt());
        assertEquals(1, c.path("done").asInt());
        assertEquals("vae-seed1", c.path("running").get(0).asText());
        assertTrue(c.path("report").asBoolean());
        assertEquals("tiny", c.path("models").asText());
        assertEquals(20.0, c.path("budgetSeconds").asDouble());
    }

    @Test
    void oneComparisonShowsWhichJobRunsAndWhichAreDone() throws Exception {
        JsonNode c = json(s.get("/api/comparison?id=" + ID), 200);
        JsonNode vae = c.path("jobs").get(0);
        assertEquals("held", vae.path("state").asText());
        assertEquals(ProcessHandle.current().pid(), vae.path("holder").path("pid").asLong());
        assertFalse(vae.has("run"), "not started training yet");
        JsonNode gan = c.path("jobs").get(1);
        assertEquals("done", gan.path("state").asText());
        assertEquals(ID + "/runs/gan-seed1", gan.path("run").asText());
        assertEquals("ok", gan.path("result").asText());
        assertEquals(40, gan.path("targetSteps").asLong());
        claim.release();
        JsonNode after = json(s.get("/api/comparison?id=" + ID), 200);
        assertEquals("free", after.path("jobs").get(0).path("state").asText());
        assertEquals("incomplete", after.path("state").asText());
        assertEquals(404, s.get("/api/comparison?id=nothing").statusCode());
        Files.createDirectories(runs.resolve("plain"));
        assertEquals(404, s.get("/api/comparison?id=plain").statusCode(), "no settings.json");
        assertEquals(400, s.get("/api/comparison?id=../runs").statusCode());
    }

    @Test
    void theReportAndItsImagesAreServedForAFrameOfTheStudioWithoutScripts() throws Exception {
        HttpResponse<String> r = s.get("/api/comparison/" + ID + "/files/report.html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("images/gan-seed1.png"));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'self'") && csp.contains("default-src 'none'")
                && csp.contains("sandbox allow-same-origin") && !csp.contains("script-src"), csp);
        assertEquals("SAMEORIGIN", r.headers().firstValue("X-Frame-Options").orElse(""));
        HttpResponse<String> img = s.get("/api/comparison/" + ID + "/files/images/gan-seed1.png");
        assertEquals(200, img.statusCode());
        assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
        // the studio's own pages still may not be framed by anyone
        HttpResponse<String> page = s.get("/api/comparisons");
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void noPathLeadsOutOfTheComparisonFolder() throws Exception {
        String base = "/api/comparison/" + ID + "/files/";
        String[] paths = {"../beside.png", "..%2Fbeside.png", "%2e%2e/beside.png", "images/..%2F..%2Fbeside.png",
            "images/link-out.png", "linked-dir/outside.png", "%2Fetc%2Fpasswd", "/etc/passwd", "images%5C..%5C..%5Cbeside.png",
            ".%2e/beside.png", "model.ckpt", "images/", "images/.hidden.png", "a/b/c/d/e/f/g.png", "%252e%252e/beside.png"};
        for (String p : paths) {
            HttpResponse<String> r = s.get(base + p);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, p + " -> " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains(SECRET), p);
        }
        assertEquals(400, s.get(base + "images/link-out.png").statusCode(), "a link out is refused, not missing");
        assertEquals(400, s.get(base + "model.ckpt").statusCode(), "only report files");
        assertEquals(404, s.get(base + "images/none.png").statusCode());
        assertEquals(4, s.get("/api/comparison/..%2Fother/files/report.html").statusCode() / 100, "a bad id");
        // and through a raw request line, which no client library normalizes
        for (String p : new String[] {base + "../beside.png", base + "images/../../beside.png",
            "/api/comparison/" + ID + "/../../beside.png"}) {
            String raw = rawGet(p);
            assertFalse(raw.contains(SECRET), p + " -> " + raw);
            assertFalse(raw.startsWith("200"), p + " -> " + raw);
        }
    }

    /** Sends a GET with {@code path} exactly as given, with the cookie, and returns the whole response. */
    private String rawGet(String path) {
        RawHttp.Response r = RawHttp.send(studio.port(), "GET", path, "Host: 127.0.0.1:" + studio.port(),
                "Cookie: " + studio.cookieName() + "=" + studio.config().token());
        return r.status() + " " + r.body();
    }
}
