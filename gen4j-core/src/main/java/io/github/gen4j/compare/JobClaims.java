package io.github.gen4j.compare;

import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who runs which job of a comparison, decided through the shared folder alone, so that any number of
 * processes on one machine or on many can run jobs at the same time and no job runs twice.
 *
 * <p>A job's claims are folders {@code jobs/<job>.claim-1}, {@code .claim-2}, ... (generations); the highest
 * one is the job's current claim. A process claims a job by creating the next generation with
 * {@link Files#createDirectory}, which fails when another process created it first: of all processes that
 * try, exactly one wins. The winner writes {@code owner.json} into it (host, pid, heartbeat time) and refreshes
 * the heartbeat while the job runs. A job is free when it has no claim or its claim was released (by a process
 * stopped by Ctrl-C, or after the job's result was written); it is taken over when its claim is stale: the heartbeat is older than the timeout, or the
 * owner ran on this host and its pid no longer exists. A process whose claim was taken over sees a higher
 * generation at its next heartbeat and stops without writing a result. A done job (see
 * {@link ComparisonFolder#isDone}) is never claimed.
 *
 * <p>What the file system must give: an atomic directory creation and atomic renames (a local file system,
 * NFS v4, the usual cluster file systems), and clocks within a small fraction of the timeout of each other.
 */
public final class JobClaims {

    /** File of a claim's owner inside the claim folder. */
    public static final String OWNER_FILE = "owner.json";
    private static final String CLAIM = ".claim-";

    /**
     * The holder of a claim, as written in {@code owner.json}.
     *
     * @param host host name of the process
     * @param pid its process id (-1 when unknown: the claim folder without its owner file yet)
     * @param heartbeat when the holder last said it is alive (ISO-8601)
     * @param released true when the holder gave the job back: stopped, or done (should a done job be made
     *     undone, by {@code --retry-failed} or a result that failed while being measured, it is free)
     */
    public record Owner(String host, long pid, String heartbeat, boolean released) {}

    /** What a job's claims say. */
    public enum State { FREE, HELD, STALE, DONE }

    /**
     * A job's state, its current claim generation (0 = never claimed) and that claim's owner (null if none).
     */
    public record Status(State state, int generation, Owner owner) {}

    private final ComparisonFolder folder;
    private final Duration timeout;
    private final String host;
    private final long pid;
    private final Clock clock;

    /** Claims made by this process, taken over from others after {@code timeout} without a heartbeat. */
    public JobClaims(ComparisonFolder folder, Duration timeout) {
        this(folder, timeout, localHost(), ProcessHandle.current().pid(), Clock.systemUTC());
    }

    /** Claims as made by the process {@code pid} on {@code host} with {@code clock} (tests play other hosts). */
    JobClaims(ComparisonFolder folder, Duration timeout, String host, long pid, Clock clock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--claim-timeout must be > 0, got " + timeout);
        }
        this.folder = folder;
        this.timeout = timeout;
        this.host = host;
        this.pid = pid;
        this.clock = clock;
    }

    /** This machine's host name, as claims record it. */
    public static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** The state of {@code job}. */
    public Status status(Job job) {
        if (folder.isDone(job)) {
            return new Status(State.DONE, generation(job), null);
        }
        int g = generation(job);
        if (g == 0) {
            return new Status(State.FREE, 0, null);
        }
        Owner o = owner(job, g);
        State s = o.released() ? State.FREE : stale(o) ? State.STALE : State.HELD;
        return new Status(s, g, o);
    }

    /**
     * Claims {@code job} if it is free or stale and not done; empty if it is done or another live process holds
     * it. Safe to call from any number of processes at once: at most one of them gets the claim.
     */
    public Optional<Claim> tryClaim(Job job) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Status st = status(job);
            if (st.state() == State.DONE || st.state() == State.HELD) {
                return Optional.empty();
            }
            Claim c = new Claim(job, st.generation() + 1);
            try {
                Files.createDirectories(folder.claimsDir());
                Files.createDirectory(c.dir());
            } catch (FileAlreadyExistsException e) {
                continue; // another process claimed it first: look again
            } catch (IOException e) {
                throw new UncheckedIOException(c.dir() + ": cannot create the claim: " + e.getMessage(), e);
            }
            c.writeOwner(false);
            if (folder.isDone(job)) { // finished by its previous holder just before we claimed it
                c.release();
                return Optional.empty();
            }
            return Optional.of(c);
        }
        return Optional.empty();
    }

    /** "host pid N, heartbeat S s ago" of a status, for messages. */
    public String describe(Status s) {
        if (s.owner() == null) {
            return "no claim";
        }
        long ago = Duration.between(Instant.parse(s.owner().heartbeat()), clock.instant()).toSeconds();
        return s.owner().host() + " pid " + s.owner().pid() + ", heartbeat " + ago + " s ago";
    }

    private boolean stale(Owner o) {
        if (Duration.between(Instant.parse(o.heartbeat()), clock.instant()).compareTo(timeout) > 0) {
            return true;
        }
        return o.host().equals(host) && o.pid() > 0 && o.pid() != pid
                && ProcessHandle.of(o.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    /** The highest claim generation of {@code job}, 0 if it was never claimed. */
    private int generation(Job job) {
        Path dir = folder.claimsDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = job.name() + CLAIM;
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .mapToInt(n -> parseGeneration(n.substring(prefix.length()))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the claims: " + e.getMessage(), e);
        }
    }

    private static int parseGeneration(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The owner of a claim generation; a claim folder whose owner file is not written yet (or unreadable)
     * counts as held since the folder's creation, by an unknown process.
     */
    private Owner owner(Job job, int generation) {
        Path dir = claimDir(job, generation);
        Path f = dir.resolve(OWNER_FILE);
        try {
            if (Files.isRegularFile(f)) {
                return Json.MAPPER.readValue(f.toFile(), Owner.class);
            }
            return new Owner("?", -1, Files.getLastModifiedTime(dir).toInstant().toString(), false);
        } catch (IOException e) {
            return new Owner("?", -1, clock.instant().toString(), false);
        }
    }

    private Path claimDir(Job job, int generation) {
        return folder.claimsDir().resolve(job.name() + CLAIM + generation);
    }

    /** A claim this process holds; {@link #close()} stops its heartbeat. */
    public final class Claim implements AutoCloseable {
        private final Job job;
        private final int generation;
        private ScheduledExecutorService beat;

        private Claim(Job job, int generation) {
            this.job = job;
            this.generation = generation;
        }

        public Job job() {
            return job;
        }

        public int generation() {
            return generation;
        }

        Path dir() {
            return claimDir(job, generation);
        }

        /** Whether this is still the job's current claim (no other process took it over). */
        public boolean isCurrent() {
            return JobClaims.this.generation(job) == generation;
        }

        /**
         * Refreshes the heartbeat every quarter of the timeout (1 s to 1 min) until {@link #close()}; calls
         * {@code onLost} once if another process took the job over meanwhile.
         */
        public void startHeartbeat(Runnable onLost) {
            long every = Math.max(1000, Math.min(60_000, timeout.toMillis() / 4));
            beat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "claim-heartbeat-" + job.name());
                t.setDaemon(true);
                return t;
            });
            beat.scheduleWithFixedDelay(() -> {
                try {
                    if (isCurrent()) {
                        writeOwner(false);
                    } else {
                        beat.shutdown();
                        onLost.run();
                    }
                } catch (UncheckedIOException e) {
                    // a file system hiccup: the next beat tries again (the timeout spans several beats)
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        /** Gives the job back: free for any process at once, unless it is done. */
        public void release() {
            close();
            if (isCurrent()) {
                writeOwner(true);
            }
        }

        private void writeOwner(boolean released) {
            Json.write(dir().resolve(OWNER_FILE), new Owner(host, pid, clock.instant().toString(), released));
        }

        @Override
        public void close() {
            if (beat != null) {
                beat.shutdownNow();
                try {
                    beat.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
