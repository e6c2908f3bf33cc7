package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading runs: the table, one run's config, checkpoints, metrics and sample grids, and the grids' PNG files.
 *
 * <ul>
 *   <li>{@code GET /api/runs}: every run folder's summary</li>
 *   <li>{@code GET /api/run?id=ID}: summary, config, checkpoints and sample grids</li>
 *   <li>{@code GET /api/run/metrics?id=ID[&after=STEP]}: metrics.jsonl records (after a step)</li>
 *   <li>{@code GET /api/run/sample-grid?id=ID&name=FILE}: a PNG from the run's samples/ folder</li>
 * </ul>
 */
final class RunsRoutes implements StudioRoutes {

    private final RunIndex index;

    RunsRoutes(RunIndex index) {
        this.index = index;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/runs", ctx -> ctx.json(index.runs()));
        routes.get("/api/run", this::run);
        routes.get("/api/run/metrics", this::metrics);
        routes.get("/api/run/sample-grid", this::grid);
    }

    private void run(Context ctx) throws IOException {
        Path dir = runFolder(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", index.summary(dir));
        JsonNode config;
        try {
            config = index.config(dir);
        } catch (IOException e) {
            throw new StudioException(422, index.ids().idOf(dir) + "/config.json: " + Json.describe(e));
        }
        out.put("config", config);
        out.put("checkpoints", index.checkpoints(dir));
        out.put("samples", index.samples(dir));
        ctx.json(out);
    }

    private void metrics(Context ctx) {
        Path dir = runFolder(ctx);
        long after = longParam(ctx, "after", -1);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : index.metrics(dir)) {
            if (m.path("step").asLong() > after) {
                out.add(m);
            }
        }
        ctx.json(out);
    }

    private void grid(Context ctx) throws IOException {
        Path dir = runFolder(ctx);
        Path f = index.ids().file(dir, "samples", ctx.queryParam("name"));
        if (!f.getFileName().toString().endsWith(".png")) {
            throw new StudioException(400, "'" + f.getFileName() + "' is not a PNG sample grid");
        }
        ctx.contentType("image/png");
        ctx.header("Cache-Control", "private, max-age=3600");
        InputStream in = Files.newInputStream(f);
        ctx.result(in);
    }

    /** The run folder named by the {@code id} query parameter; it must hold a config.json. */
    Path runFolder(Context ctx) {
        return index.runFolder(ctx.queryParam("id"));
    }

    static long longParam(Context ctx, String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new StudioException(400, name + ": '" + v + "' is not a whole number");
        }
    }
}
