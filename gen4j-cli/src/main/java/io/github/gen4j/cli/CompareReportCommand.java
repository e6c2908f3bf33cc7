package io.github.gen4j.cli;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.UnfinishedJobsException;
import picocli.CommandLine.Command;

/** {@code gen4j compare report DIR}: the report of a comparison whose jobs are all done. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Once every job of the comparison in DIR is done: measure what no job measures (the 2D toys),",
            "assemble results.json from the jobs' results and write report.html and summary.md.",
            "Exit code 0 once written (failed runs are results, shown in the report); 2, naming them, while jobs",
            "are not done."})
public final class CompareReportCommand extends CompareDirCommand {

    @Override
    public Integer call() throws Exception {
        Planned p = planned();
        CompareResults r;
        try {
            r = p.comparison().report(p.folder());
        } catch (UnfinishedJobsException e) {
            throw usage(e.getMessage());
        }
        CompareCommand.printReport(r, dir, out());
        return 0;
    }
}
