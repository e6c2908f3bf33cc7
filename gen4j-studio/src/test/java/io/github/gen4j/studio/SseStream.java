package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events stream read on a background thread: events ({@code event:} name and {@code data:}
 * lines, ended by a blank line) are queued as they arrive; tests take them in order with a timeout.
 */
final class SseStream implements AutoCloseable {

    /** One event: its name and data (the data lines joined by newlines). */
    record Event(String name, String data) {

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event '" + name + "' does not carry JSON: " + data, e);
            }
        }
    }

    private static final Event END = new Event("", "");

    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    /** Every event taken so far, for failure messages. */
    private final List<Event> seen = new ArrayList<>();
    private volatile boolean ended;

    SseStream(int status, HttpHeaders headers, InputStream body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        queue.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String d = line.substring(5);
                    d = d.startsWith(" ") ? d.substring(1) : d;
                    data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
                }
                // "id:", "retry:" and ":" comments are not used by the studio's pages
            }
        } catch (IOException | UncheckedIOException e) {
            // closed by the test or by the server
        } finally {
            queue.add(END);
        }
    }

    /** The next event of any name, or an AssertionError after {@code timeout}. */
    Event next(Duration timeout) {
        return next(e -> true, "any event", timeout);
    }

    /** The next event named {@code name} whose JSON data matches {@code test}; events before it are skipped. */
    Event next(String name, Predicate<JsonNode> test, Duration timeout) {
        return next(e -> e.name().equals(name) && test.test(e.json()), "'" + name + "' event as expected", timeout);
    }

    /** The next event named {@code name}. */
    Event next(String name, Duration timeout) {
        return next(name, d -> true, timeout);
    }

    private Event next(Predicate<Event> test, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = ended ? null : queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (e == END) {
                    ended = true;
                }
                if (e == null || e == END) {
                    throw new AssertionError((ended ? "the stream ended" : "no " + what + " within " + timeout)
                            + "; events taken: " + describe(seen));
                }
                seen.add(e);
                if (test.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ie);
        }
    }

    /** The events that arrive within {@code quiet} of each other, starting now (none if the stream is quiet). */
    List<Event> drain(Duration quiet) {
        List<Event> out = new ArrayList<>();
        try {
            while (!ended) {
                Event e = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (e == null) {
                    break;
                }
                if (e == END) {
                    ended = true;
                } else {
                    seen.add(e);
                    out.add(e);
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static String describe(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events.subList(Math.max(0, events.size() - 12), events.size())) {
            String d = e.data().length() > 160 ? e.data().substring(0, 160) + "..." : e.data();
            sb.append("\n  ").append(e.name()).append(": ").append(d);
        }
        return events.isEmpty() ? "none" : sb.toString();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the reader thread ends either way
        }
    }
}
