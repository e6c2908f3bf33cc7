package io.github.gen4j.compare;

import java.util.List;

/** The report of a comparison was asked for while some of its jobs are not done; names them. */
public final class UnfinishedJobsException extends IllegalStateException {

    private final List<Job> unfinished;

    UnfinishedJobsException(ComparisonFolder folder, List<Job> unfinished) {
        super(unfinished.size() + " job(s) of " + folder.dir() + " not done yet: " + String.join(", ",
                unfinished.stream().map(j -> j.index() + " (" + j.label() + ")").toList())
                + "; run them with gen4j compare run-job " + folder.dir() + " --job K or --next");
        this.unfinished = List.copyOf(unfinished);
    }

    /** The jobs that are not done, in job order. */
    public List<Job> unfinished() {
        return unfinished;
    }
}
