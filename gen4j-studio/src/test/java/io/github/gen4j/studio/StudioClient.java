package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser stand-in for HTTP tests: the JDK's HttpClient with a cookie jar, signed in the way a user is (by
 * opening the start URL), sending the Origin header a page of the studio sends. {@link #request} builds the
 * bad cases (no Origin, a foreign one, no cookie); {@link RawHttp} sends what the HttpClient refuses to
 * (a forged Host header); {@link #events} reads a Server-Sent Events stream.
 */
final class StudioClient {

    /** How long one request may take: generous, the machine may be busy with other builds. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Studio studio;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    /** A client without the cookie: every API call gets 401 until {@link #signIn}. */
    StudioClient(Studio studio) {
        this.studio = studio;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    }

    /** A client that has opened the start URL (and so holds the cookie). */
    static StudioClient signedIn(Studio studio) {
        StudioClient c = new StudioClient(studio);
        HttpResponse<String> r = c.signIn();
        assertEquals(302, r.statusCode(), () -> "opening the start URL: " + r.body());
        return c;
    }

    /** Opens the start URL (GET /?token=...) without following its redirect. */
    HttpResponse<String> signIn() {
        return send(request(studio.startUrl().substring(studio.baseUrl().length())).GET().build());
    }

    Studio studio() {
        return studio;
    }

    /** The cookie jar: tests look at or drop the cookie. */
    CookieManager cookies() {
        return cookies;
    }

    /** A request to {@code pathAndQuery} (e.g. "/api/runs") with nothing but the cookie; add the rest. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(studio.baseUrl() + pathAndQuery)).timeout(TIMEOUT);
    }

    /** The Origin a page of this studio sends. */
    String origin() {
        return studio.baseUrl();
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery) {
        try {
            return http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200 with JSON. */
    JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(200, r.statusCode(), () -> "GET " + pathAndQuery + ": " + r.body());
        return json(r);
    }

    /** POST of {@code body} as JSON, with this studio's Origin, as the pages send it. */
    HttpResponse<String> postJson(String path, Object body) {
        return send(request(path).header("Origin", origin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.tree(body).toString())).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /**
     * Opens {@code /api/events?query} as a browser's EventSource does (Accept: text/event-stream); the
     * response's status is checked by the caller through {@link SseStream#status}.
     */
    SseStream events(String query) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(studio.baseUrl() + "/api/events"
                + (query.isEmpty() ? "" : "?" + query))).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            return new SseStream(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
