package io.github.gen4j.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code status.json} in a run folder: whether the run is training, finished, stopped or failed, and which
 * process trains it. Written atomically by the {@link Trainer} when training starts and when it ends, so
 * that a watcher (the studio) can tell a live run from one that was stopped or crashed: a run whose status
 * still says {@link State#TRAINING} but whose process is gone was killed, and is shown as stopped (it
 * resumes from its newest checkpoint).
 *
 * @param state the state
 * @param pid the training process
 * @param host the host it runs on
 * @param started when this training session started (ISO-8601)
 * @param updated when the status was written
 * @param step the step when written
 * @param message why it failed or stopped; empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunStatus(State state, long pid, String host, String started, String updated, long step,
        String message) {

    /** The file name inside a run folder. */
    public static final String FILE = "status.json";

    /** The states a run can be in. */
    public enum State { TRAINING, FINISHED, STOPPED, FAILED }

    /** The status of this process training {@code run} from {@code step}. */
    static RunStatus training(long step) {
        String now = Instant.now().toString();
        return new RunStatus(State.TRAINING, ProcessHandle.current().pid(), hostName(), now, now, step, "");
    }

    /** This status moved to {@code state} at {@code step}. */
    RunStatus to(State state, long step, String message) {
        return new RunStatus(state, pid, host, started, Instant.now().toString(), step, message == null ? "" : message);
    }

    /** Writes the status into the run folder atomically; a failure to write it never stops training. */
    void writeTo(RunDir run) {
        try {
            Json.write(run.root().resolve(FILE), this);
        } catch (RuntimeException e) {
            // the status is advisory: the checkpoints and metrics are the record
        }
    }

    /** The status saved in {@code runFolder}, if there is a readable one. */
    public static Optional<RunStatus> read(Path runFolder) {
        Path f = runFolder.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            RunStatus s = Json.MAPPER.readValue(f.toFile(), RunStatus.class);
            return s == null || s.state() == null ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the process that wrote this {@link State#TRAINING} status is still running on this host
     * (on another host it is assumed alive).
     */
    public boolean processAlive() {
        if (!hostName().equals(host)) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
