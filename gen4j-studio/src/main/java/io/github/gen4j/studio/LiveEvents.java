package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
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
 *   <li>{@code metrics}: new metrics.jsonl records ({@code records}: the lines since the last event; the
 *       first event carries all of them, and so does one with {@code reset} true, sent when a resumed run
 *       dropped records to log those steps again)</li>
 *   <li>{@code sample}: a new sample grid ({@code kind}, {@code step}, {@code file})</li>
 *   <li>{@code status}: the run's summary, when its status, step or held-out value changed</li>
 * </ul>
 * Without an id, the stream sends {@code runs}: the whole runs table, whenever it changed.
 */
final class LiveEvents implements StudioRoutes, AutoCloseable {

    /** How often the run folders are looked at. */
    static final long POLL_MILLIS = 1000;
    /** At most this many runs per stream. */
    static final int MAX_RUNS = 8;

    private final RunIndex index;
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
        routes.sse("/api/events", client -> {
            List<String> ids = client.ctx().queryParams("id");
            if (ids.size() > MAX_RUNS) {
                throw new StudioException(400, "at most " + MAX_RUNS + " runs per event stream, got " + ids.size());
            }
            Map<String, Path> runs = new LinkedHashMap<>();
            for (String id : ids) {
                Path dir = index.ids().resolve(id);
                if (!java.nio.file.Files.isRegularFile(dir.resolve("config.json"))) {
                    throw new StudioException(404, "'" + id + "' is not a run folder (no config.json)");
                }
                runs.put(id, dir);
            }
            Watcher w = new Watcher(client, runs);
            client.keepAlive();
            client.onClose(() -> watchers.remove(w));
            watchers.add(w);
            poller.execute(() -> w.poll(index)); // the first events at once
        });
    }

    private void poll() {
        for (Watcher w : watchers) {
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

    /** One open stream and what it has already sent. */
    private static final class Watcher {
        final SseClient client;
        final Map<String, Path> runs;
        final Map<String, Long> lastStep = new LinkedHashMap<>();
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
                List<JsonNode> all = index.metrics(dir);
                long newest = -1;
                for (JsonNode m : all) {
                    newest = Math.max(newest, m.path("step").asLong());
                }
                long after = lastStep.getOrDefault(id, -1L);
                // a resumed run drops the records after its checkpoint and logs those steps again: start over
                boolean reset = newest < after;
                if (reset) {
                    after = -1;
                }
                List<JsonNode> fresh = new ArrayList<>();
                for (JsonNode m : all) {
                    if (m.path("step").asLong() > after) {
                        fresh.add(m);
                    }
                }
                if (!fresh.isEmpty() || reset || !lastStep.containsKey(id)) {
                    lastStep.put(id, newest);
                    Map<String, Object> ev = new LinkedHashMap<>();
                    ev.put("id", id);
                    ev.put("reset", reset);
                    ev.put("records", fresh);
                    client.sendEvent("metrics", Json.tree(ev).toString());
                }
                Set<String> sent = sentGrids.computeIfAbsent(id, k -> new HashSet<>());
                for (RunIndex.SampleGrid g : index.samples(dir)) {
                    if (sent.add(g.file())) {
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

    @Override
    public void close() {
        poller.shutdownNow();
        for (Watcher w : watchers) {
            w.client.close();
        }
    }
}
