package io.github.gen4j.studio;

import io.github.gen4j.train.RunStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Stops a run that another process trains (e.g. {@code gen4j train} in a terminal) the way Ctrl-C does: a
 * SIGTERM to the process its {@code status.json} names. Since that file could be stale (the process gone and
 * its pid reused by something else), the signal is sent only when every check passes: the status says
 * training, on this host; the process is alive, is not the studio, started no later than the status says, and
 * its command line is a Java process running gen4j ({@code io.github.gen4j} or {@code gen4j.jar}). Anything
 * else is a 409 with the reason, and nothing is signalled.
 */
final class RunProcesses {

    /** Clock skew allowed between a process's start time and the time its status.json records. */
    private static final Duration START_SLACK = Duration.ofSeconds(5);
    /** The most of a command line read. */
    private static final int MAX_COMMAND_LINE = 1 << 20;

    private RunProcesses() {}

    /** Sends SIGTERM to the process training the run in {@code dir}; returns its pid. */
    static long stop(Path dir, String id) {
        RunStatus s = RunStatus.read(dir).orElseThrow(() -> new StudioException(409, "run '" + id
                + "' has no readable status.json: the studio cannot tell which process trains it"));
        if (s.state() != RunStatus.State.TRAINING) {
            throw new StudioException(409, "run '" + id + "' is not training (" + s.state().name().toLowerCase() + ")");
        }
        String here = localHost();
        if (!here.equals(s.host())) {
            throw new StudioException(409, "run '" + id + "' trains on host " + s.host() + ", not " + here
                    + ": stop it there");
        }
        if (s.pid() == ProcessHandle.current().pid()) {
            throw new StudioException(409, "run '" + id + "' names the studio's own process");
        }
        ProcessHandle h = ProcessHandle.of(s.pid()).filter(ProcessHandle::isAlive).orElseThrow(() ->
                new StudioException(409, "run '" + id + "': its process " + s.pid() + " has already ended"));
        ProcessHandle.Info info = h.info();
        if (!isGen4j(info.command().orElse(""), commandLine(h))) {
            throw new StudioException(409, "run '" + id + "': process " + s.pid() + " is not a gen4j process (its"
                    + " status.json is out of date); nothing was stopped");
        }
        if (info.startInstant().isPresent() && startedAfter(info.startInstant().get(), s.started())) {
            throw new StudioException(409, "run '" + id + "': process " + s.pid() + " started after the run's"
                    + " training did (its pid was reused); nothing was stopped");
        }
        if (!h.destroy()) {
            throw new StudioException(409, "run '" + id + "': process " + s.pid() + " cannot be signalled");
        }
        return s.pid();
    }

    /** A Java process whose command line runs gen4j's classes or jar. */
    static boolean isGen4j(String command, String commandLine) {
        String exe = Path.of(command.isEmpty() ? "-" : command).getFileName().toString();
        return exe.equals("java") && (commandLine.contains("io.github.gen4j") || commandLine.contains("gen4j.jar"));
    }

    /**
     * The process's command line: /proc/PID/cmdline where there is one (Linux), since the JDK cuts its
     * {@code commandLine()} at 4,096 characters (a long class path hides the main class), else the JDK's.
     */
    static String commandLine(ProcessHandle h) {
        Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try (InputStream in = Files.newInputStream(proc)) {
            return new String(in.readNBytes(MAX_COMMAND_LINE), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    private static boolean startedAfter(Instant processStart, String statusStarted) {
        try {
            return processStart.isAfter(Instant.parse(statusStarted).plus(START_SLACK));
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    /** This host's name as {@link RunStatus} records it. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
