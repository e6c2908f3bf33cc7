package io.github.gen4j.studio;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starting and stopping trainings and comparisons (child processes of the gen4j CLI, see {@link Jobs}).
 *
 * <ul>
 *   <li>{@code GET /api/jobs}: {@code jobs} (newest first), {@code maxJobs}, {@code maxQueued}, {@code canStart}</li>
 *   <li>{@code GET /api/jobs/options}: what the form offers: families, sizes, presets, data, limits</li>
 *   <li>{@code POST /api/jobs/start} (JSON, see {@link JobArgs}): 201 with the job; 400 naming a bad field, 404/409 for
 *       a run that cannot be resumed, 429 when the queue is full, 503 when the studio cannot start jobs</li>
 *   <li>{@code POST /api/jobs/{id}/stop}: SIGTERM (the job writes a checkpoint and ends as stopped) or, for a
 *       queued job, off the queue; 409 when it has ended</li>
 *   <li>{@code GET /api/jobs/{id}/log?lines=N}: the last N (default 50, at most 200) lines of its output</li>
 *   <li>{@code POST /api/run/stop?id=RUN}: stops a run trained by a studio job, or by a gen4j process started
 *       elsewhere on this machine (see {@link RunProcesses}): 202</li>
 * </ul>
 */
final class JobsRoutes implements StudioRoutes {

    private final Jobs jobs;
    private final JobArgs args;
    private final RunIndex index;

    JobsRoutes(Jobs jobs, JobArgs args, RunIndex index) {
        this.jobs = jobs;
        this.args = args;
        this.index = index;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/jobs", this::list);
        routes.get("/api/jobs/options", ctx -> {
            Map<String, Object> o = new LinkedHashMap<>(args.options());
            o.put("canStart", jobs.canStart());
            o.put("maxJobs", jobs.maxJobs());
            o.put("maxQueued", Jobs.MAX_QUEUED);
            ctx.json(o);
        });
        routes.post("/api/jobs/start", ctx -> {
            JobArgs.Spec spec = args.parse(ctx.body());
            ctx.status(201).json(jobs.submit(spec).snapshot());
        });
        routes.post("/api/jobs/{id}/stop", ctx -> ctx.json(jobs.stop(ctx.pathParam("id")).snapshot()));
        routes.get("/api/jobs/{id}/log", this::log);
        routes.post("/api/run/stop", this::stopRun);
    }

    private void list(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobs", jobs.all().stream().map(Job::snapshot).toList());
        out.put("maxJobs", jobs.maxJobs());
        out.put("maxQueued", Jobs.MAX_QUEUED);
        out.put("canStart", jobs.canStart());
        ctx.json(out);
    }

    private void log(Context ctx) {
        Job j = jobs.get(ctx.pathParam("id"));
        long n = RunsRoutes.longParam(ctx, "lines", 50);
        if (n < 1 || n > Job.TAIL_LINES) {
            throw new StudioException(400, "lines: expected a whole number in 1.." + Job.TAIL_LINES + ", got " + n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", j.id());
        out.put("state", j.state().name().toLowerCase());
        out.put("file", index.ids().idOf(j.log()));
        out.put("lines", j.lastLines((int) n));
        ctx.json(out);
    }

    private void stopRun(Context ctx) {
        String id = ctx.queryParam("id");
        Path dir = index.ids().resolve(id);
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new StudioException(404, "'" + id + "' is not a run folder (no config.json)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", index.ids().idOf(dir));
        Optional<Job> job = jobs.activeFor(index.ids().idOf(dir));
        if (job.isPresent()) {
            out.put("job", jobs.stop(job.get().id()).snapshot());
        } else {
            out.put("pid", RunProcesses.stop(dir, id));
        }
        out.put("message", "asked to stop: it writes a checkpoint, then ends (resumable)");
        ctx.status(202).json(out);
    }
}
