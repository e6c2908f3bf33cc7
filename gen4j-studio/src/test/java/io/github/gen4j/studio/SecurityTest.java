package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The studio's defences, each case a test: it binds this machine only unless told otherwise; the token is
 * swapped for an HttpOnly SameSite=Strict cookie and the API refuses calls without it; a forged Host header
 * (DNS rebinding) and a cross-site request (no or a foreign Origin) are refused; no CORS header is ever sent;
 * run ids and file names never lead outside --runs, whether by {@code ..}, encodings, absolute paths,
 * backslashes, hidden names or symbolic links.
 */
class SecurityTest extends StudioTestBase {

    /** Marks everything outside --runs: no response may ever contain it. */
    static final String SECRET = "SECRET-OUTSIDE-THE-RUNS-FOLDER";
    static final String GRID = "samples-step-00000002.png";

    @TempDir
    static Path base;
    static Path runs;

    @BeforeAll
    static void start() throws IOException {
        runs = base.resolve("runs");
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createDirectories(outside.resolve("samples"));
        Files.writeString(outside.resolve("config.json"), "{\"family\": \"" + SECRET + "\"}");
        Files.writeString(outside.resolve("metrics.jsonl"), "{\"step\": 1, \"kind\": \"train\", \"" + SECRET
                + "\": 1}\n");
        Files.writeString(outside.resolve("samples").resolve(GRID), SECRET);
        Files.writeString(outside.resolve("samples").resolve("samples-step-00000099.png"), SECRET);
        Files.createDirectories(runs);
        Path good = TinyRuns.copy(TinyRuns.template("vae"), runs, "good");
        Files.writeString(good.resolve("samples").resolve("notes.txt"), "not a grid");
        // a run folder that is a link out, and a real folder whose files are links out
        Files.createSymbolicLink(runs.resolve("link-out"), outside);
        Path fileLinks = Files.createDirectories(runs.resolve("file-links"));
        Files.createSymbolicLink(fileLinks.resolve("config.json"), outside.resolve("config.json"));
        Files.createSymbolicLink(fileLinks.resolve("metrics.jsonl"), outside.resolve("metrics.jsonl"));
        Files.createSymbolicLink(fileLinks.resolve("samples"), outside.resolve("samples"));
        Files.createSymbolicLink(good.resolve("samples").resolve("samples-step-00000099.png"),
                outside.resolve("samples").resolve("samples-step-00000099.png"));
        TinyRuns.copy(TinyRuns.template("vae"), runs, ".hidden");
        startStudio(runs);
    }

    // --- binding ---

    @Test
    void bindsTheLoopbackAddressOnlyByDefault() throws IOException {
        assertEquals("127.0.0.1", studio.config().host());
        assertFalse(studio.config().exposed());
        assertTrue(studio.startUrl().startsWith("http://127.0.0.1:" + studio.port() + "/?token="));
        // Linux routes all of 127.0.0.0/8 to the loopback interface: a server bound to every address answers
        // on 127.0.0.2 too, one bound to 127.0.0.1 alone does not
        try (Socket s = new Socket()) {
            assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.2", studio.port()),
                    5000), "the studio answered on 127.0.0.2: it listens on more than 127.0.0.1");
        }
    }

    @Test
    void anotherHostIsExposedAndAcceptedAsHostHeader() {
        StudioConfig local = StudioConfig.local(runs, 0, List.of());
        assertFalse(local.on("localhost").exposed());
        assertFalse(local.on("::1").exposed());
        assertTrue(local.on("0.0.0.0").exposed());
        assertTrue(local.on("192.168.1.20").exposed());
        // 127.0.0.2 is "another host" that no other machine can reach: safe to bind in a test
        try (Studio exposed = Studio.start(local.on("127.0.0.2"))) {
            assertTrue(exposed.startUrl().startsWith("http://127.0.0.2:" + exposed.port() + "/?token="));
            String cookie = "Cookie: " + exposed.cookieName() + "=" + exposed.config().token();
            RawHttp.Response r = RawHttp.send("127.0.0.2", exposed.port(), "GET", "/api/info",
                    "Host: 127.0.0.2:" + exposed.port(), cookie);
            assertEquals(200, r.status(), r.body());
            assertTrue(r.body().contains("\"exposed\":true"), r.body());
            assertEquals(403, RawHttp.send("127.0.0.2", exposed.port(), "GET", "/api/info",
                    "Host: evil.example:" + exposed.port(), cookie).status());
        }
    }

    @Test
    void onEveryInterfaceAnyIpLiteralHostIsTheStudioButNoName() {
        StudioConfig local = StudioConfig.local(runs, 0, List.of());
        try (Studio all = Studio.start(local.on("0.0.0.0"))) {
            assertTrue(all.config().wildcard());
            assertFalse(all.startUrl().contains("0.0.0.0"), all.startUrl()); // a URL another machine can open
            String cookie = "Cookie: " + all.cookieName() + "=" + all.config().token();
            for (String h : new String[] {"127.0.0.2", "10.1.2.3", "[fe80::1]"}) {
                assertEquals(200, RawHttp.send("127.0.0.1", all.port(), "GET", "/api/info",
                        "Host: " + h + ":" + all.port(), cookie).status(), h);
            }
            // DNS rebinding needs a name that resolves to this machine: names other than localhost stay refused
            assertEquals(403, RawHttp.send("127.0.0.1", all.port(), "GET", "/api/info",
                    "Host: rebind.evil.example:" + all.port(), cookie).status());
            assertEquals(403, RawHttp.send("127.0.0.1", all.port(), "GET", "/api/info",
                    "Host: 10.1.2.3:" + (all.port() + 1), cookie).status());
            assertEquals(403, RawHttp.send("127.0.0.1", all.port(), "POST", "/api/info",
                    "Host: 10.1.2.3:" + all.port(), cookie, "Origin: http://evil.example:" + all.port()).status());
        }
    }

    // --- the token and its cookie ---

    @Test
    void theStartUrlSetsAnHttpOnlySameSiteStrictCookieAndRedirects() {
        StudioClient fresh = new StudioClient(studio);
        HttpResponse<String> r = fresh.signIn();
        assertEquals(302, r.statusCode());
        assertEquals("/", r.headers().firstValue("Location").orElse(null));
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith(studio.cookieName() + "=" + studio.config().token() + ";"), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(200, fresh.get("/api/runs").statusCode());
    }

    @Test
    void aWrongTokenInTheStartUrlSetsNoCookie() {
        StudioClient fresh = new StudioClient(studio);
        HttpResponse<String> r = fresh.get("/?token=" + studio.config().token().substring(1) + "x");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(401, fresh.get("/api/runs").statusCode());
    }

    @Test
    void apiWithoutCookieIs401() {
        HttpResponse<String> r = new StudioClient(studio).get("/api/runs");
        assertEquals(401, r.statusCode());
        assertTrue(StudioClient.json(r).path("error").asText().contains("token"), r.body());
    }

    @ParameterizedTest(name = "cookie {0}")
    @ValueSource(strings = {"wrong-value", "empty", "other-port", "token-in-query"})
    void apiWithAWrongCookieIs401(String kind) {
        StudioClient fresh = new StudioClient(studio);
        String token = studio.config().token();
        String name = studio.cookieName();
        String path = "/api/runs";
        switch (kind) {
            // the last character changed (to 'B' where it already is 'A': the token is random, so a fixed
            // replacement would equal it once in 64 runs and the "wrong" cookie would be the right one)
            case "wrong-value" -> addCookie(fresh, name, token.substring(0, token.length() - 1)
                    + (token.endsWith("A") ? "B" : "A"));
            case "empty" -> addCookie(fresh, name, "");
            case "other-port" -> addCookie(fresh, "gen4j-studio-" + (studio.port() + 1), token);
            default -> path = "/api/runs?token=" + token;
        }
        assertEquals(401, fresh.get(path).statusCode());
    }

    private static void addCookie(StudioClient c, String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        c.cookies().getCookieStore().add(java.net.URI.create(studio.baseUrl()), cookie);
    }

    @Test
    void everyApiRouteNeedsTheCookie() {
        StudioClient anonymous = new StudioClient(studio);
        for (String route : studio.routes()) {
            String[] mp = route.split(" ", 2);
            if (!mp[1].startsWith("/api/")) {
                continue;
            }
            HttpRequest.Builder b = anonymous.request(mp[1].replaceAll("\\{[^}]*}|<[^>]*>", "x"))
                    .header("Origin", anonymous.origin()).header("Accept", "text/event-stream");
            HttpResponse<String> r = anonymous.send(b.method(mp[0], HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(401, r.statusCode(), route + " answered without the cookie: " + r.body());
        }
    }

    // --- Host header (DNS rebinding) ---

    @ParameterizedTest(name = "Host {0}")
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT", "LOCALHOST:PORT"})
    void theStudiosOwnHostNamesAreAccepted(String host) {
        assertEquals(200, rawGet("/api/runs", host.replace("PORT", "" + studio.port())).status());
    }

    @ParameterizedTest(name = "Host {0}")
    @ValueSource(strings = {"evil.example:PORT", "localhost:OTHER", "127.0.0.1:OTHER", "evil.example", "localhost",
        "127.0.0.1", "localhost.evil.example:PORT", "127.0.0.1.nip.io:PORT", "0.0.0.0:PORT"})
    void aForeignHostHeaderIs403(String host) {
        String h = host.replace("PORT", "" + studio.port()).replace("OTHER", "" + (studio.port() + 1));
        RawHttp.Response r = rawGet("/api/runs", h);
        assertEquals(403, r.status(), r.body());
        assertFalse(r.body().contains("\"id\""), "no run data: " + r.body());
    }

    @Test
    void aForeignHostGetsNeitherThePagesNorTheCookie() {
        String evil = "evil.example:" + studio.port();
        for (String path : List.of("/", "/index.html", "/app.js", "/api/info")) {
            assertEquals(403, rawGet(path, evil).status(), path);
        }
        RawHttp.Response r = RawHttp.send(studio.port(), "GET", "/?token=" + studio.config().token(),
                "Host: " + evil);
        assertEquals(403, r.status());
        assertNull(r.header("Set-Cookie"), "a rebinding page must not be handed the cookie");
    }

    @Test
    void aRequestWithoutHostIsRefused() {
        RawHttp.Response r = RawHttp.exchange("127.0.0.1", studio.port(), "GET /api/runs HTTP/1.0", cookieHeader());
        assertTrue(r.status() == 400 || r.status() == 403, "status " + r.status());
        RawHttp.Response r11 = RawHttp.exchange("127.0.0.1", studio.port(), "GET /api/runs HTTP/1.1", cookieHeader());
        assertTrue(r11.status() == 400 || r11.status() == 403, "status " + r11.status());
    }

    // --- cross-site requests: Origin, methods, CORS ---

    @ParameterizedTest(name = "Origin {0}")
    @ValueSource(strings = {"none", "http://evil.example", "http://127.0.0.1:OTHER", "null",
        "https://127.0.0.1:PORT", "http://localhost.evil.example:PORT"})
    void aPostWithoutTheStudiosOriginIs403(String origin) {
        for (String path : postTargets()) {
            HttpRequest.Builder b = client.request(path).header("Content-Type", "application/json");
            if (!origin.equals("none")) {
                b.header("Origin", origin.replace("PORT", "" + studio.port()).replace("OTHER",
                        "" + (studio.port() + 1)));
            }
            HttpResponse<String> r = client.send(b.POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(403, r.statusCode(), "POST " + path + " with Origin " + origin + ": " + r.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    void otherMethodsNeedTheOriginToo(String method) {
        HttpResponse<String> r = client.send(client.request("/api/runs")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, r.statusCode());
    }

    @Test
    void aPostWithTheStudiosOriginButNoCookieIs401() {
        StudioClient anonymous = new StudioClient(studio);
        for (String path : postTargets()) {
            assertEquals(401, anonymous.postJson(path, java.util.Map.of()).statusCode(), path);
        }
    }

    /** The routes that change state (POST) plus a read route, which must refuse before routing. */
    private static List<String> postTargets() {
        List<String> out = new ArrayList<>(List.of("/api/runs"));
        for (String route : studio.routes()) {
            if (route.startsWith("POST ")) {
                out.add(route.substring(5).replaceAll("\\{[^}]*}|<[^>]*>", "x"));
            }
        }
        return out;
    }

    /**
     * The read-only GET routes. Anything that changes state must be POST only: a new GET route must be added
     * here after checking that it only reads; a state-changing route must not answer GET.
     */
    static final Set<String> READS = Set.of("/api/info", "/api/runs", "/api/run", "/api/run/metrics",
            "/api/run/sample-grid", "/api/events", "/api/jobs", "/api/jobs/options", "/api/jobs/{id}/log",
            "/api/comparisons", "/api/comparison", "/api/comparison/{id}/files/<path>", "/api/result",
            "/api/run/heldout", "/api/run/heldout/info");

    @Test
    void everyGetRouteOnlyReadsAndStateChangingRoutesRefuseGet() {
        Set<String> posts = new TreeSet<>();
        for (String route : studio.routes()) {
            String[] mp = route.split(" ", 2);
            switch (mp[0]) {
                case "GET", "HEAD" -> assertTrue(READS.contains(mp[1]), route + " is not a known read-only route:"
                        + " add it to SecurityTest.READS if it only reads, make it POST if it changes anything");
                case "POST" -> posts.add(mp[1]);
                default -> throw new AssertionError(route + ": state changes are POST only");
            }
        }
        for (String path : posts) {
            assertFalse(READS.contains(path), path + " is both a read and a POST route");
            HttpResponse<String> r = client.get(path.replaceAll("\\{[^}]*}|<[^>]*>", "x"));
            assertTrue(r.statusCode() == 404 || r.statusCode() == 405, "GET " + path + ": " + r.statusCode());
        }
        assertTrue(studio.routes().contains("GET /api/runs"), "the route list is read: " + studio.routes());
    }

    @Test
    void anOptionsPreflightGetsNoCorsHeaders() {
        HttpResponse<String> r = client.send(client.request("/api/runs").header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(r.statusCode() >= 400, "a preflight is not answered with success: " + r.statusCode());
        assertNoCors("OPTIONS /api/runs", r);
    }

    @Test
    void noResponseCarriesCorsHeaders() {
        List<String> paths = List.of("/", "/app.js", "/api/info", "/api/runs", "/api/run?id=good",
                "/api/run/metrics?id=good", "/api/run/sample-grid?id=good&name=" + GRID, "/api/run?id=..",
                "/nothing-here", "/api/nothing-here");
        for (String p : paths) {
            HttpResponse<String> r = client.send(client.request(p).header("Origin", "http://evil.example").GET()
                    .build());
            assertNoCors("GET " + p, r);
        }
        HttpResponse<String> anonymous = new StudioClient(studio).send(client.request("/api/runs")
                .header("Origin", "http://evil.example").GET().build());
        assertEquals(401, anonymous.statusCode());
        assertNoCors("401", anonymous);
        try (SseStream events = client.events("id=good")) {
            assertEquals(200, events.status());
            for (String name : events.headers().map().keySet()) {
                assertFalse(name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"), name);
            }
        }
    }

    private static void assertNoCors(String what, HttpResponse<?> r) {
        for (String name : r.headers().map().keySet()) {
            assertFalse(name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"),
                    what + " sent " + name + ": " + r.headers().map().get(name));
        }
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        HttpResponse<String> r = client.get("/");
        assertEquals(200, r.statusCode());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null));
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(r.body().contains(studio.config().token()), "the page never carries the token");
    }

    // --- run ids and file names ---

    /** Ids as they appear in the query string (so encoded where an attacker would encode). */
    @ParameterizedTest(name = "id={0}")
    @ValueSource(strings = {"..", "../outside", "..%2Foutside", "%2e%2e%2Foutside", "%2E%2E/outside",
        "%252e%252e%252Foutside", "good/..%2F..%2Foutside", "good/../../outside", "%2Fetc", "%2Fetc%2Fpasswd",
        "ABSOLUTE", "..%5Coutside", "good%5C..%5C..%5Coutside", ".hidden", "good/.%2E/.%2E/outside",
        "a/b/c/d/e/f/g", "link-out", "link-out/samples", "file-links", "good%00", "good/", "", "%20good",
        "good/samples/..", "~", "~root"})
    void aBadRunIdIsRefusedEverywhere(String id) {
        String q = id.replace("ABSOLUTE", URLEncoder.encode(base.resolve("outside").toString(),
                StandardCharsets.UTF_8));
        for (String path : List.of("/api/run?id=" + q, "/api/run/metrics?id=" + q,
                "/api/run/sample-grid?id=" + q + "&name=" + GRID)) {
            HttpResponse<String> r = client.get(path);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, path + " -> " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains(SECRET), path + " showed a file outside --runs: " + r.body());
            assertTrue(StudioClient.json(r).has("error"), r.body());
        }
        try (SseStream events = client.events("id=" + q)) {
            assertTrue(events.status() == 400 || events.status() == 404, "/api/events?id=" + q + " -> "
                    + events.status());
        }
    }

    @ParameterizedTest(name = "name={0}")
    @ValueSource(strings = {"..%2Fconfig.json", "../config.json", "..%2F..%2Flink-out%2Fconfig.json",
        "%2e%2e%2Fconfig.json", "%2Fetc%2Fpasswd", "..%5Cconfig.json", ".hidden.png", "samples-step-00000099.png",
        "config.json", "x%00.png", "", "NAME_ABSOLUTE", "notes.txt", "..", "."})
    void aBadSampleGridNameIsRefused(String name) {
        String q = name.replace("NAME_ABSOLUTE", URLEncoder.encode(base.resolve("outside/samples/" + GRID)
                .toString(), StandardCharsets.UTF_8));
        HttpResponse<String> r = client.get("/api/run/sample-grid?id=good&name=" + q);
        assertTrue(r.statusCode() == 400 || r.statusCode() == 404, q + " -> " + r.statusCode() + " " + r.body());
        assertFalse(r.body().contains(SECRET), r.body());
    }

    @Test
    void aGoodSampleGridIsServed() {
        HttpResponse<byte[]> r = client.getBytes("/api/run/sample-grid?id=good&name=" + GRID);
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void theRunsTableListsNoFolderOutsideOrHidden() {
        Set<String> ids = new TreeSet<>();
        client.getJson("/api/runs").forEach(row -> ids.add(row.path("id").asText()));
        assertTrue(ids.contains("good"), ids.toString());
        assertFalse(ids.contains("link-out"), ids.toString());
        assertFalse(ids.contains(".hidden"), ids.toString());
        assertFalse(client.get("/api/runs").body().contains(SECRET));
        try (SseStream events = client.events("")) {
            SseStream.Event table = events.next("runs", LiveEventsTest.WAIT);
            assertFalse(table.data().contains(SECRET), table.data());
            assertNotNull(table.json());
        }
    }

    @Test
    void staticFilesDoNotLeadOutEither() {
        for (String target : List.of("/../outside/config.json", "/%2e%2e/outside/config.json",
                "/..%2Foutside%2Fconfig.json", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/webjars/../../outside/config.json",
                "/..\\outside\\config.json")) {
            RawHttp.Response r = RawHttp.send(studio.port(), "GET", target, "Host: 127.0.0.1:" + studio.port(),
                    cookieHeader());
            assertTrue(r.status() >= 400, target + " -> " + r.status());
            assertFalse(r.body().contains(SECRET) || r.body().contains("root:"), target + ": " + r.body());
        }
    }

    private static RawHttp.Response rawGet(String path, String host) {
        return RawHttp.send(studio.port(), "GET", path, "Host: " + host, cookieHeader());
    }

    private static String cookieHeader() {
        return "Cookie: " + studio.cookieName() + "=" + studio.config().token();
    }
}
