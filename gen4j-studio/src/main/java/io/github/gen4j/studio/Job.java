package io.github.gen4j.studio;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training or comparison started from the studio: what it runs, where it is (queued, running, finished,
 * failed or stopped), the run or comparison folder it made, and the last lines it printed. Changed only by
 * {@link Jobs} (under its lock) and by the thread that reads the child's output; read as a snapshot.
 */
final class Job {

    /** Lines of output kept in memory (the whole output is in the log file). */
    static final int TAIL_LINES = 200;

    enum State { QUEUED, RUNNING, FINISHED, FAILED, STOPPED }

    private final String id;
    private final JobArgs.Spec spec;
    private final Path log;
    private final String queued = Instant.now().toString();
    private final Deque<String> tail = new ArrayDeque<>();
    private StringBuilder partial = new StringBuilder();
    private State state = State.QUEUED;
    private Process process;
    private boolean stopRequested;
    private boolean stopping;
    private Integer exitCode;
    private String message = "";
    private String started;
    private String ended;
    private String run;
    private String comparison;

    Job(String id, JobArgs.Spec spec, Path log) {
        this.id = id;
        this.spec = spec;
        this.log = log;
        this.run = spec.run();
        this.comparison = spec.comparison();
    }

    String id() {
        return id;
    }

    JobArgs.Spec spec() {
        return spec;
    }

    Path log() {
        return log;
    }

    synchronized State state() {
        return state;
    }

    synchronized Process process() {
        return process;
    }

    synchronized String run() {
        return run;
    }

    synchronized String comparison() {
        return comparison;
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** True once the child said it is stopping (after a signal from the studio or from the terminal). */
    synchronized boolean stopping() {
        return stopping;
    }

    synchronized void running(Process p) {
        process = p;
        state = State.RUNNING;
        started = Instant.now().toString();
    }

    /** The studio asked the child to stop (a signal was sent) or took the job off the queue. */
    synchronized void requestStop() {
        stopRequested = true;
        stopping = true;
    }

    synchronized void ended(State s, Integer code, String why) {
        state = s;
        exitCode = code;
        message = why == null ? "" : why;
        ended = Instant.now().toString();
        process = null;
    }

    synchronized void foundRun(String id) {
        if (run == null) {
            run = id;
        }
    }

    synchronized void foundComparison(String id) {
        if (comparison == null) {
            comparison = id;
        }
    }

    synchronized void sawStopping() {
        stopping = true;
    }

    /** Adds output; a carriage return overwrites the current line, as a terminal shows a progress bar. */
    synchronized void output(String line, boolean complete) {
        if (complete) {
            tail.addLast(line);
            while (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            partial = new StringBuilder();
        } else {
            partial = new StringBuilder(line);
        }
    }

    /** The last {@code n} lines, the line being written last. */
    synchronized List<String> lastLines(int n) {
        List<String> all = new ArrayList<>(tail);
        if (partial.length() > 0) {
            all.add(partial.toString());
        }
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** What the jobs table shows. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", spec.kind());
        m.put("args", spec.args());
        m.put("state", state.name().toLowerCase());
        m.put("stopping", stopping && state == State.RUNNING);
        m.put("exitCode", exitCode);
        m.put("message", message);
        m.put("queued", queued);
        m.put("started", started);
        m.put("ended", ended);
        m.put("run", run);
        m.put("comparison", comparison);
        m.put("resumable", (state == State.STOPPED || state == State.FAILED) && started != null
                && (run != null || comparison != null));
        m.put("pid", process != null ? process.pid() : null);
        List<String> last = lastLines(1);
        m.put("lastLine", last.isEmpty() ? "" : last.get(0));
        return m;
    }
}
