package io.github.gen4j.cli;

import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.JobQueue;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gen4j compare run-job DIR --job K | --next}: trains and measures one job of a planned comparison. */
@Command(name = "run-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Claim one job of the comparison planned in DIR, train and measure it, and write its result",
            "into DIR. Any number of processes, on this machine or on others sharing DIR, may run jobs at once:",
            "a job is claimed atomically, never runs twice, and a job whose process died is taken over once its",
            "claim has had no heartbeat for --claim-timeout (at once on the same host when its pid is gone).",
            "Exit codes: 0 the job is done (its run may have failed: that is its result), 1 stopped or taken over",
            "by another process, 2 bad usage, 3 --next found no job left to claim."})
public final class CompareRunJobCommand extends CompareDirCommand {

    /** Exit code of {@code --next} when every job is done or held by a live process. */
    static final int NONE_LEFT = 3;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** Which job: a number, or the next free one. */
    static final class Which {
        @Option(names = "--job", paramLabel = "K", description = "Run job K (0-based, as 'plan' lists them); waits "
                + "while a live process holds it or the job it builds on is not done.")
        Integer job;

        @Option(names = "--next", description = "Claim and run the first job that is not done and not held by a live"
                + " process.")
        boolean next;
    }

    @Option(names = "--claim-timeout", converter = Durations.class, defaultValue = "10m",
            description = "A claim without a heartbeat for this long is taken over, e.g. 90s, 10m (default: "
                    + "${DEFAULT-VALUE}).")
    double claimTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        if (claimTimeout <= 0) {
            throw usage("--claim-timeout must be > 0");
        }
        Planned p = planned();
        if (which.job != null) {
            try {
                p.folder().job(which.job);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        Comparison cmp = p.comparison().claimTimeout(Duration.ofMillis(Math.round(claimTimeout * 1000)));
        JobQueue.Outcome o;
        int signal;
        try (JobQueue q = cmp.jobs(p.folder())) {
            StopSignals signals = StopSignals.install(q::requestStop);
            try {
                o = which.next ? q.runNext() : q.runJob(which.job);
            } finally {
                signals.restore();
            }
            signal = signals.exitCode();
        }
        String job = o.job() == null ? "" : "job " + o.job().index() + " (" + o.job().label() + ")";
        switch (o.kind()) {
            case DONE -> pw.println(job + " done: " + (o.result().ok() ? "ok" : "failed: " + o.result().message()));
            case ALREADY_DONE -> pw.println(job + " was already done");
            case NONE_LEFT -> pw.println("no job left to claim in " + dir + " (every job is done or running)");
            case STOPPED -> pw.println((job.isEmpty() ? "" : job + ": ") + "stopped; the job is free for another run");
            case LOST -> pw.println(job + ": taken over by another process; nothing written here");
            case HELD -> pw.println(job + " is held by another process");
        }
        return switch (o.kind()) {
            case STOPPED -> signal != 0 ? signal : 1; // 130 / 143: a scheduler sees the job was interrupted
            case DONE, ALREADY_DONE -> 0;
            case NONE_LEFT -> NONE_LEFT;
            default -> 1;
        };
    }
}
