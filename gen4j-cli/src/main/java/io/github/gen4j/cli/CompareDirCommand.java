package io.github.gen4j.cli;

import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.FamilyRecipes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What the job commands of {@code gen4j compare} ({@code plan}, {@code run-job}, {@code report}) share: the
 * comparison folder DIR, the common options, one-line usage errors, and messages printed as plain lines (a
 * job runs unattended, often with its output in a scheduler's log, so there is no progress bar).
 */
abstract class CompareDirCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR",
            description = "The comparison folder, shared by every process that runs its jobs.")
    Path dir;

    @Mixin CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A planned comparison: its folder and the comparison of its saved settings. */
    record Planned(ComparisonFolder folder, Comparison comparison) {}

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    CommandLine.ParameterException usage(String msg) {
        return new CommandLine.ParameterException(spec.commandLine(), msg);
    }

    /** The comparison planned in DIR; a usage error when DIR holds none. */
    Planned planned() {
        try {
            ComparisonFolder folder = ComparisonFolder.open(dir, "DIR");
            return new Planned(folder, Comparison.of(folder, FamilyRecipes.standard(), common.device(),
                    new Lines(out())));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Prints the comparison's messages as lines. */
    record Lines(PrintWriter out) implements Comparison.Listener {
        @Override
        public void onMessage(String message) {
            out.println(message);
            out.flush();
        }
    }
}
