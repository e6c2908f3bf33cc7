package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.Job;
import io.github.gen4j.compare.JobClaims;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.io.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison folders under {@code --runs} ({@code gen4j compare}): their settings, their jobs (family x seed)
 * with who holds each ({@link JobClaims}: free, held by a running process, stale, done), and their report.
 *
 * <ul>
 *   <li>{@code GET /api/comparisons}: every comparison folder's summary, newest first</li>
 *   <li>{@code GET /api/comparison?id=ID}: summary, settings and jobs (state, holder, run id and status,
 *       result); a page polls it to follow a running comparison</li>
 *   <li>{@code GET /api/comparison/{id}/files/PATH}: a file of the comparison folder, for the report
 *       ({@code report.html}) and the images and charts it links to relatively ({@link ComparisonFiles})</li>
 * </ul>
 */
final class ComparisonsRoutes implements StudioRoutes {

    private final RunIndex index;

    ComparisonsRoutes(RunIndex index) {
        this.index = index;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/comparisons", ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Path dir : index.comparisonFolders()) {
                out.add(summary(dir, jobs(dir)));
            }
            ctx.json(out);
        });
        routes.get("/api/comparison", this::detail);
        routes.get("/api/comparison/{id}/files/<path>", this::file);
    }

    private void detail(Context ctx) {
        Path dir = folder(ctx.queryParam("id"));
        List<Map<String, Object>> jobs = jobs(dir);
        Map<String, Object> out = summary(dir, jobs);
        out.put("settingsJson", settings(dir));
        out.put("jobs", jobs);
        ctx.json(out);
    }

    private void file(Context ctx) throws IOException {
        Path dir = folder(ctx.pathParam("id"));
        Path f = ComparisonFiles.resolve(dir, ctx.pathParam("path"));
        ComparisonFiles.send(ctx, f);
    }

    /** The comparison folder {@code id}: a folder inside --runs with a settings.json. */
    private Path folder(String id) {
        Path dir = index.ids().resolve(id);
        if (!Files.isRegularFile(dir.resolve(ComparisonFolder.SETTINGS_FILE))) {
            throw new StudioException(404, "'" + id + "' is not a comparison folder (no settings.json)");
        }
        return dir;
    }

    private Map<String, Object> summary(Path dir, List<Map<String, Object>> jobs) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", index.ids().idOf(dir));
        JsonNode settings = settings(dir);
        s.put("families", settings.path("families"));
        s.put("seeds", settings.path("seeds"));
        s.put("budgetSeconds", settings.path("budgetSeconds").asDouble());
        s.put("steps", settings.path("steps").asLong());
        s.put("models", settings.path("scale").asText("").toLowerCase());
        s.put("created", created(dir));
        long done = jobs.stream().filter(j -> "done".equals(j.get("state"))).count();
        List<Object> running = jobs.stream().filter(j -> "held".equals(j.get("state"))).map(j -> j.get("name"))
                .toList();
        s.put("jobCount", jobs.size());
        s.put("done", done);
        s.put("running", running);
        boolean report = Files.isRegularFile(dir.resolve("report.html"));
        s.put("report", report);
        s.put("state", !running.isEmpty() ? "running" : !jobs.isEmpty() && done == jobs.size() && report ? "finished"
                : "incomplete");
        return s;
    }

    private static String created(Path dir) {
        try {
            return Json.MAPPER.readTree(dir.resolve(ComparisonFolder.JOBS_FILE).toFile()).path("created").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode settings(Path dir) {
        try {
            return Json.MAPPER.readTree(dir.resolve(ComparisonFolder.SETTINGS_FILE).toFile());
        } catch (IOException e) {
            throw new StudioException(422, dir.getFileName() + "/settings.json: " + Json.describe(e));
        }
    }

    /** The planned jobs with their claim state; none when the comparison has no readable plan yet. */
    private List<Map<String, Object>> jobs(Path dir) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isRegularFile(dir.resolve(ComparisonFolder.JOBS_FILE))) {
            return out;
        }
        ComparisonFolder folder = new ComparisonFolder(dir);
        List<Job> plan;
        try {
            plan = folder.plan().jobs();
        } catch (IllegalArgumentException e) {
            return out;
        }
        JobClaims claims = new JobClaims(folder, Comparison.DEFAULT_CLAIM_TIMEOUT);
        for (Job job : plan) {
            JobClaims.Status st = claims.status(job);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", job.index());
            m.put("name", job.name());
            m.put("family", job.family());
            m.put("seed", job.seed());
            m.put("state", st.state().name().toLowerCase());
            m.put("holder", st.owner() == null || st.owner().released() ? null : holder(st.owner()));
            Path run = folder.runFolder(job);
            if (Files.isRegularFile(run.resolve("config.json"))) {
                RunIndex.RunSummary rs = index.summary(run);
                m.put("run", rs.id());
                m.put("runStatus", rs.status());
                m.put("step", rs.step());
                m.put("targetSteps", rs.targetSteps());
            }
            JobResult r = folder.result(job);
            if (r != null) {
                m.put("result", r.status());
                m.put("resultMessage", r.message());
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> holder(JobClaims.Owner o) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("host", o.host());
        h.put("pid", o.pid());
        h.put("heartbeat", o.heartbeat());
        return h;
    }
}
