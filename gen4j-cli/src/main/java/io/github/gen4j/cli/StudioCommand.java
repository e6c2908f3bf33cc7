package io.github.gen4j.cli;

import io.github.gen4j.studio.Studio;
import io.github.gen4j.studio.StudioConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gen4j studio}: the local web studio over a runs folder. */
@Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the local web studio: watch training live, browse and compare runs, start and stop"
                + " trainings, sample, interpolate and inpaint in the browser.",
            "Prints the URL to open; it carries a secret token that the studio swaps for a cookie. Ctrl-C stops it."})
public final class StudioCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "The folder of run and comparison folders to show; trainings started here go into it"
                    + " (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--port", defaultValue = "" + StudioConfig.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = StudioConfig.LOCAL_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only). Another address exposes"
                    + " the studio to the network: anyone with the token can then train and read your runs.")
    String host;

    @Option(names = "--max-jobs", defaultValue = "1",
            description = "Trainings and comparisons run at once; the others wait (default: ${DEFAULT-VALUE}).")
    int maxJobs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Studio studio = start();
        Runtime.getRuntime().addShutdownHook(new Thread(studio::close, "studio-shutdown"));
        studio.join();
        return 0;
    }

    /**
     * Starts the studio and prints the URL to open (after a warning when --host exposes it); the caller joins
     * or closes it. {@link #call} joins until Ctrl-C; tests start and close a studio without blocking.
     */
    Studio start() {
        PrintWriter out = spec.commandLine().getOut();
        StudioConfig config = StudioConfig.local(runs, port, gen4jCommand()).on(host).withMaxJobs(maxJobs);
        if (config.exposed()) {
            spec.commandLine().getErr().println("gen4j studio: warning: --host " + host + " exposes the studio to the"
                    + " network; anyone who learns the token can train, sample and read every run under " + runs);
        }
        Studio studio = Studio.start(config);
        out.println("gen4j studio: runs in " + runs.toAbsolutePath());
        out.println("open " + studio.startUrl());
        out.flush();
        return studio;
    }

    /** This JVM running the gen4j CLI again: how the studio starts trainings (a child process per job). */
    static List<String> gen4jCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-XX:+UseSerialGC"); // the launcher's JVM settings (see the gen4j script)
        cmd.add("-Xms16m");
        cmd.add("-Xmn8m");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        return cmd;
    }
}
