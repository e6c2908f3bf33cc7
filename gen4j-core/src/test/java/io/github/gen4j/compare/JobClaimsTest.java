package io.github.gen4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim protocol on a planned folder, without training: who gets a job, when a claim is taken over. */
class JobClaimsTest {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    static ComparisonFolder planned(Path dir) throws IOException {
        ComparisonFolder f = new ComparisonFolder(dir);
        f.plan(ComparisonTest.tiny(List.of("vae", "flow"), Map.of("vae", 2, "flow", 1), 2));
        return f;
    }

    static JobClaims as(ComparisonFolder f, String host, long pid, Instant now) {
        return new JobClaims(f, TIMEOUT, host, pid, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The pid of a process that has ended. */
    static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theJobListHasOneJobPerFamilyAndSeedInOrder(@TempDir Path tmp) throws IOException {
        ComparisonFolder f = planned(tmp);
        assertEquals(List.of(new Job(0, "vae", 7), new Job(1, "vae", 8), new Job(2, "flow", 7)), f.plan().jobs());
        assertEquals("vae-seed8", f.job(1).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.job(3));
        assertTrue(e.getMessage().startsWith("--job: 3 is not a job of"), e.getMessage());
    }

    @Test
    void aHeldJobIsNotClaimedAgainAndAReleasedOneIsFree(@TempDir Path tmp) throws IOException {
        ComparisonFolder f = planned(tmp);
        Job job = f.job(0);
        JobClaims mine = new JobClaims(f, TIMEOUT);
        JobClaims.Claim c = mine.tryClaim(job).orElseThrow();
        assertEquals(1, c.generation());
        assertEquals(JobClaims.State.HELD, mine.status(job).state());
        assertTrue(as(f, "elsewhere", 1, Instant.now()).tryClaim(job).isEmpty(), "held by a live process");
        c.release();
        assertEquals(JobClaims.State.FREE, mine.status(job).state());
        JobClaims.Claim again = as(f, "elsewhere", 1, Instant.now()).tryClaim(job).orElseThrow();
        assertEquals(2, again.generation());
        assertFalse(c.isCurrent());
        assertTrue(again.isCurrent());
    }

    @Test
    void aClaimWhoseProcessDiedOnThisHostIsTakenOverAtOnce(@TempDir Path tmp) throws Exception {
        ComparisonFolder f = planned(tmp);
        Job job = f.job(1);
        String host = JobClaims.localHost();
        JobClaims.Claim dead = as(f, host, deadPid(), Instant.now()).tryClaim(job).orElseThrow();
        JobClaims mine = new JobClaims(f, TIMEOUT);
        assertEquals(JobClaims.State.STALE, mine.status(job).state());
        JobClaims.Claim taken = mine.tryClaim(job).orElseThrow();
        assertEquals(2, taken.generation());
        assertFalse(dead.isCurrent(), "the dead process would see at its next heartbeat that it lost the job");
        // a live process on this host (this one) is not taken over
        assertTrue(as(f, host, deadPid(), Instant.now()).tryClaim(job).isEmpty());
    }

    @Test
    void aClaimFromAnotherHostIsTakenOverOnlyAfterTheTimeout(@TempDir Path tmp) throws IOException {
        ComparisonFolder f = planned(tmp);
        Job job = f.job(2);
        Instant now = Instant.now();
        as(f, "node-a", 4242, now.minus(Duration.ofMinutes(9))).tryClaim(job).orElseThrow();
        assertEquals(JobClaims.State.HELD, as(f, "node-b", 1, now).status(job).state(), "9 minutes < 10");
        assertTrue(as(f, "node-b", 1, now).tryClaim(job).isEmpty());
        JobClaims later = as(f, "node-b", 1, now.plus(Duration.ofMinutes(2)));
        assertEquals(JobClaims.State.STALE, later.status(job).state(), "11 minutes without a heartbeat");
        assertTrue(later.describe(later.status(job)).startsWith("node-a pid 4242, heartbeat 660 s ago"));
        assertEquals(2, later.tryClaim(job).orElseThrow().generation());
    }

    @Test
    void aDoneJobIsNeverClaimedButOneThatFailedWhileBeingMeasuredIs(@TempDir Path tmp) throws IOException {
        ComparisonFolder f = planned(tmp);
        Job job = f.job(0);
        JobResult failedMeasuring = new JobResult("vae", 7, JobResult.FAILED, JobResult.MEASURING + "boom",
                "runs/vae-seed7", Map.of(), Map.of(), Map.of(), List.of(), null, null, 1, "now", null);
        f.writeResult(failedMeasuring);
        assertFalse(f.isDone(job));
        JobClaims claims = new JobClaims(f, TIMEOUT);
        claims.tryClaim(job).orElseThrow().release();
        Json.write(f.runFolder(job).resolve(ComparisonFolder.RESULT_FILE), new JobResult("vae", 7, JobResult.OK, null,
                "runs/vae-seed7", Map.of(), Map.of(), Map.of(), List.of(), null, null, 1, "now", null));
        assertEquals(JobClaims.State.DONE, claims.status(job).state());
        assertTrue(claims.tryClaim(job).isEmpty());
    }

    /**
     * Real concurrency on the file system: eight threads, each with its own {@link JobClaims} as a separate
     * process would have, race for every job at once; each job goes to exactly one of them.
     */
    @Test
    void racingClaimersGetEachJobExactlyOnce(@TempDir Path tmp) throws Exception {
        ComparisonFolder f = planned(tmp);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Job>>> won = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JobClaims claims = as(f, "node-" + t, 1000 + t, Instant.now());
                won.add(pool.submit(() -> {
                    start.await();
                    List<Job> mine = new ArrayList<>();
                    for (Job j : f.plan().jobs()) {
                        Optional<JobClaims.Claim> c = claims.tryClaim(j);
                        c.ifPresent(x -> mine.add(x.job()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Job> all = new ArrayList<>();
            for (Future<List<Job>> w : won) {
                all.addAll(w.get());
            }
            assertEquals(f.plan().jobs().size(), all.size(), all.toString());
            assertEquals(f.plan().jobs().size(), all.stream().distinct().count(), all.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
