package io.github.gen4j.cli;

import io.github.gen4j.Gen4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gen4j} command: a thin layer over the library, one class per sub-command. */
@Command(
        name = "gen4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train, sample and compare generative image models (VAE, GAN, diffusion, normalizing flow, "
                + "VAE-GAN) on the JVM.",
        subcommands = {
            InfoCommand.class,
            TrainCommand.class,
            SampleCommand.class,
            ReconstructCommand.class,
            EncodeCommand.class,
            DecodeCommand.class,
            InterpolateCommand.class,
            TraverseCommand.class,
            ArithmeticCommand.class,
            EvalCommand.class,
            DenoiseCommand.class,
            InpaintCommand.class,
            BenchCommand.class,
            ToyCommand.class,
            CompareCommand.class,
            StudioCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns its exit code: 0 ok, 1 error while running, 2 bad usage (an option or value
     * refused), 130 / 143 stopped by SIGINT / SIGTERM after writing a checkpoint.
     */
    public static int run(String... args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler below; an Error would end as a stack trace
            System.err.println("gen4j: error: out of memory (" + e.getMessage() + "): use fewer or smaller"
                    + " images, a smaller --batch-size, or a larger Java heap (GEN4J_JAVA_OPTS=-Xmx8g)");
            return 1;
        }
    }

    /** The configured command line: one-line errors, no stack traces unless GEN4J_DEBUG is set. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String msg = IoErrors.describe(ex);
            cmd.getErr().println("gen4j " + cmd.getCommandName() + ": error: " + firstLine(msg));
            if (System.getenv("GEN4J_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            // a value the library refused (IllegalArgumentException names the option or field) is bad usage
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("gen4j " + cmd.getCommandName() + ": " + firstLine(ex.getMessage())
                    + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        return cl;
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the library version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gen4j " + Gen4j.VERSION};
        }
    }
}
