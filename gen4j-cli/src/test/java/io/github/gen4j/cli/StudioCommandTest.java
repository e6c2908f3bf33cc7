package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.studio.Studio;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gen4j studio}: the URL it prints, the warning when --host exposes it, and refused values. The studio
 * is started and closed by the test ({@link StudioCommand#start}), never left running or joined.
 */
class StudioCommandTest {

    record Started(Studio studio, String out, String err) {}

    static Started start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CliTest.commandLine(out, err);
        cl.parseArgs(args);
        StudioCommand command = cl.getSubcommands().get("studio").getCommand();
        Studio studio = command.start();
        return new Started(studio, out.toString(), err.toString());
    }

    @Test
    void localByDefaultWithoutWarning(@TempDir Path runs) throws Exception {
        Started s = start("studio", "--runs", runs.toString(), "--port", "0");
        try (Studio studio = s.studio()) {
            assertEquals("", s.err());
            assertTrue(s.out().contains("open http://127.0.0.1:" + studio.port() + "/?token="
                    + studio.config().token()), s.out());
            assertEquals(401, status(studio.baseUrl() + "/api/runs"), "the API needs the token's cookie");
        }
    }

    @Test
    void anotherHostIsAnnouncedWithAWarning(@TempDir Path runs) throws Exception {
        // 127.0.0.2 counts as "another host" but stays on this machine: safe to bind in a test
        Started s = start("studio", "--runs", runs.toString(), "--port", "0", "--host", "127.0.0.2");
        try (Studio studio = s.studio()) {
            assertTrue(studio.config().exposed());
            assertTrue(s.err().startsWith("gen4j studio: warning: --host 127.0.0.2 exposes the studio to the network;"),
                    s.err());
            assertTrue(s.out().contains("open http://127.0.0.2:" + studio.port() + "/?token="), s.out());
            assertEquals(401, status("http://127.0.0.2:" + studio.port() + "/api/runs"));
        }
    }

    @Test
    void aBadPortIsBadUsage(@TempDir Path runs) {
        CliTest.Out r = CliTest.gen4j("studio", "--runs", runs.toString(), "--port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--port must be in 0..65535, got 70000"), r.err());
    }

    private static int status(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
