package io.github.gen4j.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.DatasetLocator;
import io.github.gen4j.data.FashionMnist;
import io.github.gen4j.data.LocatedData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gen4j info}: engine, threads, devices and which datasets can be found. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the tensor engine, threads, devices and the datasets gen4j can find.")
public final class InfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine e = Gen4j.engine();
        out.printf("gen4j        %s%n", Gen4j.VERSION);
        out.printf("java         %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"));
        out.printf("engine       %s %s (DJL %s, offline=%s)%n", e.getEngineName(), e.getVersion(),
                Engine.getDjlVersion(), System.getProperty("ai.djl.offline"));
        out.printf("threads      %d intra-op, %d inter-op; %d cores available%n", JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), Runtime.getRuntime().availableProcessors());
        out.printf("devices      default %s; %d GPU(s)%n", e.defaultDevice(), e.getGpuCount());
        String env = System.getenv(DatasetLocator.ENV_VAR);
        out.printf("GEN4J_DATA   %s%n", env == null ? "(not set)" : env + (Files.exists(Path.of(env)) ? "" : "  (missing!)"));
        out.printf("system data  %s%s%n", FashionMnist.SYSTEM_DIR,
                FashionMnist.hasTrainFiles(FashionMnist.SYSTEM_DIR) ? " (Fashion-MNIST, 60k train + 10k test)"
                        : " (not installed: apt-get install dataset-fashion-mnist)");
        out.printf("embedded     %s%n", FashionMnist.class.getResource(FashionMnist.RESOURCE_DIR
                + FashionMnist.TEST_IMAGES + ".gz") != null ? "Fashion-MNIST test split (10k) in the jar" : "missing");
        LocatedData d = DatasetLocator.locate(null, System.getenv());
        out.printf("default data %s%n", d.note());
        return 0;
    }
}
