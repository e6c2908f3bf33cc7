package io.github.gen4j.studio;

import io.github.gen4j.Gen4j;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trainings and comparisons started from the studio: each is a child process running the gen4j CLI
 * ({@link StudioConfig#gen4jCommand()} followed by the argument list {@link JobArgs} built), started without a
 * shell. At most {@code maxJobs} run at once; the others wait in a first-in, first-out queue of at most
 * {@link #MAX_QUEUED}. A child's output (standard error merged) goes to {@code <runs>/.studio/jobs/<n>.log},
 * and its last lines are kept in memory; the line {@code run folder: ...} (or {@code comparison folder: ...})
 * tells which folder the job made.
 *
 * <p>Stopping a job sends SIGTERM ({@link #terminate}), which {@code gen4j train} and
 * {@code gen4j compare} handle like Ctrl-C: they finish the current step, write a checkpoint and exit with
 * 143, so the job can be resumed. Closing the studio stops the running jobs the same way and waits for them
 * a while; a child that already got Ctrl-C from the terminal (it shares the studio's process group) is not
 * signalled again, since a second signal makes gen4j quit at once, without its checkpoint.
 */
final class Jobs implements AutoCloseable {

    /** Jobs waiting at most; one more is refused with 429. */
    static final int MAX_QUEUED = 8;
    /** Ended jobs remembered (the oldest are forgotten; their run folders stay). */
    static final int MAX_ENDED = 100;
    /** A log file grows to this size at most. */
    static final long MAX_LOG_BYTES = 16L << 20;
    /** The line gen4j prints when a signal asks it to stop (StopSignals in the CLI). */
    static final String STOPPING_LINE = "gen4j: stopping after this step";
    /** How long closing the studio waits for stopped jobs to write their checkpoints. */
    static final long CLOSE_WAIT_MILLIS = 60_000;

    private final List<String> command;
    private final RunIds ids;
    private final int maxJobs;
    private final long closeWaitMillis;
    private final Path logDir;
    private final String session = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Deque<Job> queue = new ArrayDeque<>();
    private int next = 1;
    private boolean closed;

    /**
     * @param closeWaitMillis how long {@link #close()} waits for stopped children to write their checkpoints
     */
    Jobs(List<String> command, RunIds ids, int maxJobs, long closeWaitMillis) {
        this.command = List.copyOf(command);
        this.ids = ids;
        this.maxJobs = maxJobs;
        this.closeWaitMillis = closeWaitMillis;
        this.logDir = ids.root().resolve(".studio").resolve("jobs");
    }

    boolean canStart() {
        return !command.isEmpty();
    }

    int maxJobs() {
        return maxJobs;
    }

    /** Queues a job (it starts at once when fewer than maxJobs run); 429 when the queue is full. */
    synchronized Job submit(JobArgs.Spec spec) {
        if (command.isEmpty()) {
            throw new StudioException(503, "this studio cannot start jobs (it was started without the gen4j command)");
        }
        if (closed) {
            throw new StudioException(503, "the studio is closing");
        }
        if (queue.size() >= MAX_QUEUED) {
            throw new StudioException(429, "too many queued jobs (" + queue.size() + " waiting, at most " + MAX_QUEUED
                    + "): wait for one to start or stop one");
        }
        for (Job j : jobs.values()) {
            boolean active = j.state() == Job.State.QUEUED || j.state() == Job.State.RUNNING;
            if (active && ((spec.run() != null && spec.run().equals(j.run()))
                    || (spec.comparison() != null && spec.comparison().equals(j.comparison())))) {
                throw new StudioException(409, "job " + j.id() + " already works on "
                        + (spec.run() != null ? "run " + spec.run() : "comparison " + spec.comparison()));
            }
        }
        String id = Integer.toString(next++);
        Job job = new Job(id, spec, logDir.resolve(session + "-" + id + ".log"));
        jobs.put(id, job);
        queue.addLast(job);
        forgetOld();
        startQueued();
        return job;
    }

    /** Every job, newest first. */
    synchronized List<Job> all() {
        List<Job> out = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized Job get(String id) {
        Job j = id == null ? null : jobs.get(id);
        if (j == null) {
            throw new StudioException(404, "no job '" + JobForm.shorten(id) + "'");
        }
        return j;
    }

    /** The queued or running job that continues or trains the run {@code runId}, if any. */
    synchronized Optional<Job> activeFor(String runId) {
        return jobs.values().stream().filter(j -> (j.state() == Job.State.QUEUED || j.state() == Job.State.RUNNING)
                && runId.equals(j.run())).findFirst();
    }

    /**
     * Stops a job: a queued one leaves the queue, a running one gets SIGTERM (it writes a checkpoint and ends
     * as stopped); 409 for a job that has ended.
     */
    synchronized Job stop(String id) {
        Job j = get(id);
        switch (j.state()) {
            case QUEUED -> {
                queue.remove(j);
                j.requestStop();
                j.ended(Job.State.STOPPED, null, "taken off the queue before it started");
            }
            case RUNNING -> {
                if (!j.stopRequested()) {
                    j.requestStop();
                    terminate(j.process());
                }
            }
            default -> throw new StudioException(409, "job " + id + " has already ended (" + j.state().name()
                    .toLowerCase() + ")");
        }
        return j;
    }

    /**
     * Sends SIGTERM (on Unix; gen4j then checkpoints and exits, as on Ctrl-C). Through the process's handle:
     * {@link Process#destroy()} would also close the pipe, and the lines gen4j prints while it stops would be lost.
     */
    private static void terminate(Process p) {
        p.toHandle().destroy();
    }

    private void startQueued() {
        while (!closed && running() < maxJobs && !queue.isEmpty()) {
            start(queue.removeFirst());
        }
    }

    private long running() {
        return jobs.values().stream().filter(j -> j.state() == Job.State.RUNNING).count();
    }

    private void forgetOld() {
        List<Job> ended = jobs.values().stream().filter(j -> j.state() != Job.State.QUEUED
                && j.state() != Job.State.RUNNING).toList();
        for (int i = 0; i < ended.size() - MAX_ENDED; i++) {
            jobs.remove(ended.get(i).id());
        }
    }

    private void start(Job job) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(job.spec().args());
        Process p;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(ids.root().toFile()).redirectErrorStream(true);
            withAllocatorEnvironment(pb.environment());
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            job.ended(Job.State.FAILED, null, "could not start " + cmd.get(0) + ": " + e.getMessage());
            return;
        }
        try {
            p.getOutputStream().close(); // the child reads nothing
        } catch (IOException e) {
            // nothing to close
        }
        job.running(p);
        Thread t = new Thread(() -> follow(job, p), "studio-job-" + job.id());
        t.setDaemon(true);
        t.start();
    }

    /** Adds glibc's allocator settings for training to a child's environment, keeping values already set. */
    static Map<String, String> withAllocatorEnvironment(Map<String, String> env) {
        Gen4j.ALLOCATOR_ENVIRONMENT.forEach(env::putIfAbsent);
        return env;
    }

    /** Copies the child's output to its log and tail until it ends, then records how it ended. */
    private void follow(Job job, Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                LogSink sink = new LogSink(job)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n' || c == '\r') {
                    sink.line(line.toString(), c == '\n');
                    line.setLength(0);
                } else if (line.length() < 4096) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                sink.line(line.toString(), true);
            }
        } catch (IOException e) {
            job.output("studio: reading the output failed: " + e.getMessage(), true);
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ended(job, code);
    }

    /**
     * Writes complete lines to the log file (up to its size limit), keeps the tail and reads the folders. A log
     * that cannot be written is given up with a note in the tail, never the reading: a child whose output is not
     * drained would block on a full pipe.
     */
    private final class LogSink implements AutoCloseable {
        private final Job job;
        private Writer log;
        private long written;

        LogSink(Job job) {
            this.job = job;
            try {
                log = Files.newBufferedWriter(job.log(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                job.output("studio: cannot write the log " + job.log() + ": " + e.getMessage(), true);
            }
        }

        void line(String s, boolean complete) {
            job.output(s, complete);
            if (!complete) {
                return; // a progress bar redrawing its line: only the tail shows it
            }
            write(s);
            if (s.startsWith("run folder: ") && job.spec().kind().equals("train")) {
                folderId(s.substring("run folder: ".length())).ifPresent(job::foundRun);
            } else if (s.startsWith("comparison folder: ")) {
                folderId(s.substring("comparison folder: ".length())).ifPresent(job::foundComparison);
            } else if (s.trim().startsWith(STOPPING_LINE)) {
                job.sawStopping();
            }
        }

        private void write(String s) {
            if (log == null || written >= MAX_LOG_BYTES) {
                return;
            }
            try {
                log.write(s);
                log.write('\n');
                written += s.length() + 1;
                if (written >= MAX_LOG_BYTES) {
                    log.write("studio: log truncated at " + MAX_LOG_BYTES + " bytes\n");
                }
                log.flush();
            } catch (IOException e) {
                job.output("studio: writing the log failed: " + e.getMessage(), true);
                close();
            }
        }

        @Override
        public void close() {
            if (log != null) {
                try {
                    log.close();
                } catch (IOException e) {
                    // nothing more can be written
                }
                log = null;
            }
        }
    }

    /**
     * The id of a folder the child printed, if it lies inside --runs. gen4j compare prints its folder before it
     * creates it, so a folder not made yet is taken by its parent's real path.
     */
    private Optional<String> folderId(String printed) {
        try {
            Path given = Path.of(printed.trim()).toAbsolutePath().normalize();
            Path p = Files.exists(given) ? given.toRealPath()
                    : given.getParent().toRealPath().resolve(given.getFileName());
            return p.startsWith(ids.root()) && !p.equals(ids.root()) ? Optional.of(ids.idOf(p)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private synchronized void ended(Job job, int code) {
        if (code == 0) {
            job.ended(Job.State.FINISHED, code, "");
        } else if (job.stopping() || code == 143 || code == 130) {
            job.ended(Job.State.STOPPED, code, job.run() != null || job.comparison() != null
                    ? "stopped after writing a checkpoint: it can be resumed" : "stopped");
        } else {
            job.ended(Job.State.FAILED, code, lastWords(job, code));
        }
        startQueued();
        notifyAll();
    }

    /** The child's last non-blank line: gen4j prints its one-line error last. */
    private static String lastWords(Job job, int code) {
        List<String> last = job.lastLines(Job.TAIL_LINES);
        for (int i = last.size() - 1; i >= 0; i--) {
            if (!last.get(i).isBlank()) {
                return last.get(i).trim();
            }
        }
        return "exited with status " + code;
    }

    /**
     * Takes the queued jobs off the queue and stops the running ones (SIGTERM, unless the child already said it
     * is stopping), then waits up to closeWaitMillis for them to write their checkpoints and end. A child still
     * running after that is left to finish on its own rather than killed half-way through a checkpoint.
     */
    @Override
    public void close() {
        List<Job> running;
        synchronized (this) {
            closed = true;
            for (Job j : queue) {
                j.requestStop();
                j.ended(Job.State.STOPPED, null, "the studio closed before it started");
            }
            queue.clear();
            running = jobs.values().stream().filter(j -> j.state() == Job.State.RUNNING).toList();
        }
        if (running.isEmpty()) {
            return;
        }
        // Ctrl-C in the terminal reached the children too (one process group): give them a moment to say so
        awaitEnd(running, Math.min(1000, closeWaitMillis), true);
        for (Job j : running) {
            synchronized (this) {
                Process p = j.process();
                if (p != null && !j.stopping()) {
                    j.requestStop();
                    terminate(p);
                }
            }
        }
        awaitEnd(running, closeWaitMillis, false);
    }

    /** Waits until every job of {@code js} has ended (or, with {@code orStopping}, says it is stopping). */
    private synchronized void awaitEnd(List<Job> js, long millis, boolean orStopping) {
        long deadline = System.currentTimeMillis() + millis;
        while (js.stream().anyMatch(j -> j.state() == Job.State.RUNNING && !(orStopping && j.stopping()))) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
