package io.github.gen4j.cli;

/**
 * A worker process of {@link CompareJobsCliTest}: runs {@code gen4j compare run-job DIR --next} until no job
 * is left, as a worker loop on a cluster node would ({@code while gen4j compare run-job DIR --next; do :; done}).
 * Exits 0 when it ran out of jobs, else with the exit code of the run that failed.
 */
public final class CompareWorker {

    private CompareWorker() {}

    public static void main(String[] args) {
        int code;
        do {
            code = Main.run("compare", "run-job", args[0], "--next", "--device", "cpu");
        } while (code == 0);
        System.exit(code == CompareRunJobCommand.NONE_LEFT ? 0 : code);
    }
}
