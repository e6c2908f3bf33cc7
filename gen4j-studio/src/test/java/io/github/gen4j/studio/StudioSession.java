package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser-like client of a studio for tests: it opens the token URL once (the cookie is kept), and sends
 * POSTs with the studio's own Origin, as the studio's page does.
 */
final class StudioSession {

    final Studio studio;
    final HttpClient http;

    StudioSession(Studio studio) throws IOException, InterruptedException {
        this.studio = studio;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(studio.startUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("token URL gave " + r.statusCode() + ": " + r.body());
        }
    }

    /** The command that runs {@link FakeGen4j} in a child JVM. */
    static List<String> fakeCommand() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FakeGen4j.class.getName()));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(studio.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(studio.baseUrl() + path))
                .header("Origin", studio.baseUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a response that must have {@code status}. */
    static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    /** Polls GET {@code path} until {@code test} holds (at most {@code seconds}); returns the last body. */
    JsonNode await(String path, java.util.function.Predicate<JsonNode> test, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(get(path), 200);
            if (test.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + seconds + " s: " + path + " -> " + last);
    }
}
