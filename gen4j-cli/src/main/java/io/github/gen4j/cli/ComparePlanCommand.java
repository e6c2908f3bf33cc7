package io.github.gen4j.cli;

import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.Comparison;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.FamilyRecipes;
import io.github.gen4j.compare.Job;
import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gen4j compare plan DIR}: writes a comparison's settings and job list, trains nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the settings and the job list (one job per family and seed) of a comparison into DIR;",
            "takes the options of 'gen4j compare' (none: the demonstration). Then run the jobs with",
            "'gen4j compare run-job DIR --job K' (or --next) and write the report with 'gen4j compare report DIR'."})
public final class ComparePlanCommand extends CompareDirCommand {

    @Mixin CompareOptions what;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        if (Files.exists(dir.resolve(ComparisonFolder.SETTINGS_FILE))) {
            throw usage("DIR: " + dir + " already holds a comparison (" + ComparisonFolder.SETTINGS_FILE + "); run its"
                    + " jobs, or plan into a new folder");
        }
        if (CompareOptions.isDemo(spec.commandLine().getParseResult())) {
            what.demo();
            pw.println("demonstration: gen4j compare plan DIR " + String.join(" ", CompareOptions.DEMO));
        }
        FamilyRecipes recipes = FamilyRecipes.standard();
        ComparisonFolder folder;
        try { // a bad option or --data fails before anything is written
            CompareSettings settings = what.settings(recipes, common.seed);
            folder = new Comparison(settings, recipes, common.device(), new Lines(pw)).plan(dir);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        for (Job j : folder.plan().jobs()) {
            pw.printf("job %d: %s%n", j.index(), j.label());
        }
        pw.println(folder.plan().jobs().size() + " jobs planned in " + dir + "; run them with: gen4j compare run-job "
                + dir + " --job K (or --next)");
        return 0;
    }
}
