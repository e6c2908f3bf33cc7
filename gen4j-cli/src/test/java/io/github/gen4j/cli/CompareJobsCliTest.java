package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.JobClaims;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gen4j compare plan / run-job / report}: two worker processes share one plan, claims of dead or
 * silent processes are taken over, and the report waits for every job. The smallest settings the comparison
 * accepts keep it fast (tiny models, 2 steps, 30 samples).
 */
class CompareJobsCliTest {

    /** What the comparisons here train and measure: seeds 42 and 43 of each family (--families: below). */
    static final String[] OPTIONS = {"--seeds", "2", "--models", "tiny", "--steps", "2",
        "--data", "embedded", "--limit", "256", "--batch-size", "16", "--eval-samples", "30", "--variant-samples",
        "10", "--likelihood-images", "10", "--likelihood-samples", "1", "--curve-points", "1", "--toy-steps", "0"};

    /** Metrics that measure time (they differ between any two runs); the rest must be equal. */
    static final Set<String> TIMING = Set.of("train_images_per_s", "train_seconds", "sample_ms_per_image");

    /** {@code head} with {@link #OPTIONS} for 4 jobs: vae and flow, seeds 42 and 43. */
    static String[] args(String... head) {
        return CliTest.concat(CliTest.concat(head, OPTIONS), "--families", "vae,flow");
    }

    @Test
    void twoProcessesRunAPlanConcurrentlyAndGetTheNumbersOfASequentialRun(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("shared");
        CliTest.Out plan = CliTest.gen4j(args("compare", "plan", dir.toString()));
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("job 3: flow seed 43"), plan.out());

        Process a = worker(dir, tmp.resolve("a.log"));
        Process b = worker(dir, tmp.resolve("b.log"));
        for (Process p : List.of(a, b)) {
            assertTrue(p.waitFor(15, TimeUnit.MINUTES), "worker still running");
        }
        assertEquals(0, a.exitValue(), Files.readString(tmp.resolve("a.log")));
        assertEquals(0, b.exitValue(), Files.readString(tmp.resolve("b.log")));
        CliTest.Out report = CliTest.gen4j("compare", "report", dir.toString());
        assertEquals(0, report.code(), report.err());
        JsonNode concurrent = Json.MAPPER.readTree(dir.resolve("results.json").toFile()).path("runs");
        assertEquals(4, concurrent.size(), "every job once");

        CliTest.Out seq = CliTest.gen4j(CliTest.concat(args("compare"), "--out", tmp.resolve("seq").toString()));
        assertEquals(0, seq.code(), seq.err());
        JsonNode sequential = Json.MAPPER.readTree(CliTest.only(tmp.resolve("seq"), "compare-")
                .resolve("results.json").toFile()).path("runs");
        assertEquals(4, sequential.size());
        for (int i = 0; i < 4; i++) {
            JsonNode c = concurrent.get(i);
            JsonNode s = sequential.get(i);
            assertEquals(s.path("family"), c.path("family"));
            assertEquals(s.path("seed"), c.path("seed"));
            assertEquals("ok", c.path("status").asText(), c.toString());
            assertSameNumbers(s.path("metrics"), c.path("metrics"), c.path("run").asText());
            assertEquals(s.path("curve").size(), c.path("curve").size());
            for (int k = 0; k < s.path("curve").size(); k++) {
                assertSameNumbers(s.path("curve").get(k).path("metrics"), c.path("curve").get(k).path("metrics"),
                        c.path("run").asText() + " curve " + k);
            }
        }
    }

    /** The same metric names with the same values, timing metrics left out. */
    static void assertSameNumbers(JsonNode expected, JsonNode actual, String what) {
        assertEquals(names(expected), names(actual), what);
        for (String k : names(expected)) {
            if (!TIMING.contains(k)) {
                assertEquals(expected.path(k).asDouble(), actual.path(k).asDouble(),
                        1e-9 * Math.max(1, Math.abs(expected.path(k).asDouble())), what + ": " + k);
            }
        }
    }

    static Set<String> names(JsonNode n) {
        Set<String> s = new java.util.TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    /** A JVM running {@link CompareWorker} on {@code dir}, on this test's class path. */
    static Process worker(Path dir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dai.djl.offline=true", "-Xss4m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), CompareWorker.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Writes the claim (generation 1) of job {@code name} as the process {@code pid} on {@code host} would, with
     * its last heartbeat at {@code heartbeat}.
     */
    static void claim(Path dir, String name, String host, long pid, Instant heartbeat) {
        Json.write(dir.resolve("jobs").resolve(name + ".claim-1").resolve(JobClaims.OWNER_FILE),
                new JobClaims.Owner(host, pid, heartbeat.toString(), false));
    }

    @Test
    void theReportWaitsForEveryJobAndClaimsOfDeadOrSilentProcessesAreTakenOver(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("c");
        String[] oneFamily = CliTest.concat(CliTest.concat(new String[] {"compare", "plan", dir.toString()}, OPTIONS),
                "--families", "vae");
        assertEquals(0, CliTest.gen4j(oneFamily).code());
        CliTest.Out again = CliTest.gen4j(oneFamily);
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds a comparison"), again.err());

        CliTest.Out early = CliTest.gen4j("compare", "report", dir.toString());
        assertEquals(2, early.code());
        assertEquals(1, early.err().strip().lines().count(), early.err());
        assertTrue(early.err().contains("2 job(s) of " + dir + " not done yet: 0 (vae seed 42), 1 (vae seed 43)"),
                early.err());
        assertEquals(2, CliTest.gen4j("compare", "run-job", dir.toString()).code(), "--job or --next is required");
        CliTest.Out badJob = CliTest.gen4j("compare", "run-job", dir.toString(), "--job", "2");
        assertEquals(2, badJob.code());
        assertTrue(badJob.err().contains("--job: 2 is not a job of"), badJob.err());

        // job 0 was claimed by a process on this host that died mid-job; job 1 is held by a live process elsewhere
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        claim(dir, "vae-seed42", JobClaims.localHost(), gone.pid(), Instant.now());
        claim(dir, "vae-seed43", "other-node", 7, Instant.now());
        CliTest.Out first = CliTest.gen4j("compare", "run-job", dir.toString(), "--next");
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("job 0 (vae seed 42) done: ok"), first.out());
        assertTrue(Files.isDirectory(dir.resolve("jobs/vae-seed42.claim-2")), "taken over as generation 2");
        CliTest.Out none = CliTest.gen4j("compare", "run-job", dir.toString(), "--next");
        assertEquals(CompareRunJobCommand.NONE_LEFT, none.code(), none.err() + none.out());

        // the other node's last heartbeat (20 s ahead of now, so that it is still fresh however slowly this
        // process starts), then silence: 2 s (--claim-timeout) after it, job 1 is taken over
        claim(dir, "vae-seed43", "other-node", 7, Instant.now().plusSeconds(20));
        CliTest.Out late = CliTest.gen4j("compare", "run-job", dir.toString(), "--job", "1", "--claim-timeout", "2s");
        assertEquals(0, late.code(), late.err() + late.out());
        assertTrue(late.out().contains("is held by other-node pid 7"), late.out());
        assertTrue(late.out().contains("job 1 (vae seed 43) done: ok"), late.out());
        assertEquals(0, CliTest.gen4j("compare", "run-job", dir.toString(), "--job", "0").code(), "already done");

        CliTest.Out report = CliTest.gen4j("compare", "report", dir.toString());
        assertEquals(0, report.code(), report.err());
        JsonNode results = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
        assertEquals(2, results.path("runs").size());
        assertEquals(0, results.path("pending").size());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertEquals(Map.of("vae", 2), Json.MAPPER.convertValue(results.path("settings").path("seeds"), Map.class));
    }

    @Test
    void theHelpListsTheJobCommands() {
        CliTest.Out help = CliTest.gen4j("compare", "--help");
        for (String c : new String[] {"plan", "run-job", "report"}) {
            assertTrue(help.out().lines().anyMatch(l -> l.strip().startsWith(c + " ")), c + " in\n" + help.out());
        }
    }
}
