package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events: {@code GET /api/events?id=A&id=B} streams what changes in the named runs, so that a page
 * follows a run being trained (by {@code gen4j train} in another terminal, or started from the studio)
 * without reloading. The folders are polled once a second; each event's data is JSON with the run's
 * {@code id}:
 * <ul>
 *   <li>{@code metrics}: new metrics.jsonl records ({@code records}: each (kind, step) record once; the
 *       first event carries all of them)</li>
 *   <li>{@code sample}: a new sample grid ({@code kind}, {@code step}, {@code file})</li>
 *   <li>{@code status}: the run's summary, when its status, step or held-out value changed</li>
 * </ul>
 * Without an id, the stream sends {@code runs}: the whole runs table, whenever it changed.
 */
final class LiveEvents implements StudioRoutes, AutoCloseable {

    /** How often the run folders are looked at. */
    static final long POLL_MILLIS = 1000;
    /**
     * How often every stream gets a comment line: a closed page is noticed only when a write to it fails, and
     * a stream over a run that no longer changes would otherwise be polled for as long as the studio runs.
     */
    static final long HEARTBEAT_MILLIS = 3000;
    /** At most this many runs per stream. */
    static final int MAX_RUNS = 8;

    private final RunIndex index;
    private long lastHeartbeat = System.nanoTime();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "studio-live-events");
        t.setDaemon(true);
        return t;
    });

    LiveEvents(RunIndex index) {
        this.index = index;
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        // the ids are checked before the stream starts: once it has, the status is 200 and cannot change
        routes.get("/api/events", ctx -> {
            Map<String, Path> runs = runs(ctx.queryParams("id"));
            new SseHandler(client -> open(client, runs)).handle(ctx);
        });
    }

    private Map<String, Path> runs(List<String> ids) {
        if (ids.size() > MAX_RUNS) {
            throw new StudioException(400, "at most " + MAX_RUNS + " runs per event stream, got " + ids.size());
        }
        Map<String, Path> runs = new LinkedHashMap<>();
        for (String id : ids) {
            runs.put(id, index.runFolder(id));
        }
        return runs;
    }

    private void open(SseClient client, Map<String, Path> runs) {
        Watcher w = new Watcher(client, runs);
        client.keepAlive();
        client.onClose(() -> watchers.remove(w));
        watchers.add(w);
        poller.execute(() -> w.poll(index)); // the first events at once
    }

    private void poll() {
        long now = System.nanoTime();
        boolean heartbeat = now - lastHeartbeat >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS);
        if (heartbeat) {
            lastHeartbeat = now;
        }
        for (Watcher w : watchers) {
            if (heartbeat && !w.client.terminated()) {
                w.client.sendComment("");
            }
            if (w.client.terminated()) {
                watchers.remove(w);
                continue;
            }
            try {
                w.poll(index);
            } catch (RuntimeException e) {
                w.client.sendEvent("problem", Json.tree(Map.of("error", String.valueOf(e.getMessage()))).toString());
            }
        }
    }

    /** How many streams are open. */
    int streams() {
        return watchers.size();
    }

    /** One open stream and what it has already sent. */
    private static final class Watcher {
        final SseClient client;
        final Map<String, Path> runs;
        final Map<String, Set<String>> sentRecords = new LinkedHashMap<>();
        final Map<String, Set<String>> sentGrids = new LinkedHashMap<>();
        final Map<String, String> lastSummary = new LinkedHashMap<>();
        String lastTable;

        Watcher(SseClient client, Map<String, Path> runs) {
            this.client = client;
            this.runs = runs;
        }

        synchronized void poll(RunIndex index) {
            if (client.terminated()) {
                return;
            }
            if (runs.isEmpty()) {
                String table = Json.tree(index.runs()).toString();
                if (!table.equals(lastTable)) {
                    lastTable = table;
                    client.sendEvent("runs", table);
                }
                return;
            }
            for (Map.Entry<String, Path> e : runs.entrySet()) {
                String id = e.getKey();
                Path dir = e.getValue();
                // by kind and step, not "after the last step": an evaluation is logged after its step's
                // training record, and a poll between the two must not lose it
                Set<String> sent = sentRecords.get(id);
                boolean first = sent == null;
                if (first) {
                    sent = new HashSet<>();
                    sentRecords.put(id, sent);
                }
                List<JsonNode> fresh = new ArrayList<>();
                for (JsonNode m : index.metrics(dir)) {
                    if (sent.add(recordKey(m))) {
                        fresh.add(m);
                    }
                }
                if (!fresh.isEmpty() || first) {
                    Map<String, Object> ev = new LinkedHashMap<>();
                    ev.put("id", id);
                    ev.put("records", fresh);
                    client.sendEvent("metrics", Json.tree(ev).toString());
                }
                Set<String> grids = sentGrids.computeIfAbsent(id, k -> new HashSet<>());
                for (RunIndex.SampleGrid g : index.samples(dir)) {
                    if (grids.add(g.file())) {
                        Map<String, Object> ev = new LinkedHashMap<>();
                        ev.put("id", id);
                        ev.put("kind", g.kind());
                        ev.put("step", g.step());
                        ev.put("file", g.file());
                        client.sendEvent("sample", Json.tree(ev).toString());
                    }
                }
                String summary = Json.tree(index.summary(dir)).toString();
                if (!summary.equals(lastSummary.get(id))) {
                    lastSummary.put(id, summary);
                    client.sendEvent("status", summary);
                }
            }
        }
    }

    /** What identifies a metrics record: its kind and step (and event name: several events can share a step). */
    static String recordKey(JsonNode record) {
        return record.path("kind").asText() + "@" + record.path("step").asLong() + "/" + record.path("event").asText();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (Watcher w : watchers) {
            w.client.close();
        }
    }
}
