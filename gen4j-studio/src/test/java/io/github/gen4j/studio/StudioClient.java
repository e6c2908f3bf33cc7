package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * A browser stand-in for HTTP tests: the JDK's HttpClient with a cookie jar, signed in the way a user is (by
 * opening the start URL), sending the Origin header a page of the studio sends on every POST. {@link #request}
 * builds the bad cases (no Origin, a foreign one, no cookie); {@link RawHttp} sends what the HttpClient refuses
 * to (a forged Host header); {@link #events} reads a Server-Sent Events stream.
 */
final class StudioClient {

    /** How long one request may take: generous, model work on a busy machine can take a while. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

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
        return send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET that must answer 200 with JSON. */
    JsonNode getJson(String pathAndQuery) {
        return json(get(pathAndQuery), 200);
    }

    /** The body of a GET that must answer 200. */
    byte[] bytes(String pathAndQuery) {
        HttpResponse<byte[]> r = getBytes(pathAndQuery);
        assertEquals(200, r.statusCode(), () -> "GET " + pathAndQuery + ": "
                + new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** A PNG or GIF that a GET must answer with, decoded. */
    BufferedImage image(String pathAndQuery) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes(pathAndQuery)));
            assertNotNull(img, pathAndQuery + " is not an image");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST of {@code body} with this studio's Origin, as the pages send it. */
    HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(request(path).header("Origin", origin()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** POST of {@code body} as JSON. */
    HttpResponse<String> postJson(String path, Object body) {
        return post(path, "application/json", Json.tree(body).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A multipart/form-data POST with one file part. */
    HttpResponse<String> postFile(String path, String part, String fileName, byte[] content) {
        String boundary = "gen4jtestboundary7MA4YWxk";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return post(path, "multipart/form-data; boundary=" + boundary, body);
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON, whatever the status. */
    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** The JSON body of a response that must have {@code status}. */
    static JsonNode json(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), () -> r.request().method() + " " + r.request().uri() + ": " + r.body());
        return json(r);
    }

    /** The one-line error of a refused request, checked to have {@code status}. */
    static String error(HttpResponse<String> r, int status) {
        String m = json(r, status).path("error").asText();
        assertFalse(m.isEmpty(), r.body());
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    /**
     * Opens {@code /api/events?query} as a browser's EventSource does (Accept: text/event-stream); the
     * response's status is checked by the caller through {@link SseStream#status}.
     */
    SseStream events(String query) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(studio.baseUrl() + "/api/events"
                + (query.isEmpty() ? "" : "?" + query))).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r = send(req, HttpResponse.BodyHandlers.ofInputStream());
        return new SseStream(r.statusCode(), r.headers(), r.body());
    }
}
