package io.github.gen4j.studio;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import sun.misc.Signal;

/**
 * A stand-in for the gen4j CLI in the studio's tests (the studio module cannot run the real one): it behaves
 * as {@code gen4j train} does towards the studio. It makes a run folder under {@code --out} (or continues
 * {@code --resume}) with config.json and a status.json naming its pid, prints {@code run folder: ...}, draws a
 * progress line with carriage returns, then ends after {@code --steps} x 20 ms with 0; SIGTERM makes it print
 * gen4j's stopping line, write a "checkpoint" and exit with 143; {@code --seed 13} fails with status 1;
 * {@code compare} prints {@code comparison folder: ...} (before making it, as gen4j does). It writes its
 * arguments to {@code args.txt} in the folder, and its glibc allocator variables to {@code env.txt}.
 */
public final class FakeGen4j {

    private static volatile boolean stop;

    /** The command that runs this fake in a child JVM: the studio's gen4jCommand in tests. */
    static List<String> command() {
        return new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeGen4j.class.getName()));
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        Signal.handle(new Signal("TERM"), s -> {
            System.err.println("\ngen4j: stopping after this step and writing a checkpoint (again to quit now)");
            stop = true;
        });
        long steps = a.contains("--steps") ? Long.parseLong(a.get(a.indexOf("--steps") + 1)) : 1_000_000;
        if (a.contains("--seed") && a.get(a.indexOf("--seed") + 1).equals("13")) {
            System.out.println("some output");
            System.out.println("gen4j: error: --seed 13 is unlucky (fake failure)");
            System.exit(1);
        }
        Path dir;
        if (a.get(0).equals("compare")) {
            dir = Path.of(a.get(a.indexOf("--out") + 1)).resolve("compare-fake-" + ProcessHandle.current().pid());
            System.out.println("comparison folder: " + dir); // as gen4j compare: before the folder exists
            Thread.sleep(500);
            Files.createDirectories(dir);
        } else if (a.contains("--resume")) {
            dir = Path.of(a.get(a.indexOf("--resume") + 1));
            System.out.println("run folder: " + dir);
        } else {
            dir = Path.of(a.get(a.indexOf("--out") + 1)).resolve(a.get(1) + "-fake-" + ProcessHandle.current().pid());
            Files.createDirectories(dir.resolve("checkpoints"));
            Files.writeString(dir.resolve("config.json"), "{\"family\": \"" + a.get(1) + "\", \"train\": {\"steps\": "
                    + steps + "}, \"data\": {\"description\": \"fake\", \"trainSize\": 10}}");
            System.out.println("run folder: " + dir);
        }
        Files.writeString(dir.resolve("args.txt"), String.join("\n", a), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("env.txt"), "MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX")
                + "\nMALLOC_TRIM_THRESHOLD_=" + System.getenv("MALLOC_TRIM_THRESHOLD_"), StandardCharsets.UTF_8);
        status(dir, "TRAINING");
        for (long i = 1; i <= steps; i++) {
            if (stop) {
                checkpoint(dir, i);
                status(dir, "STOPPED");
                System.out.println("stopped by a signal: resume with gen4j train --resume " + dir);
                System.exit(143);
            }
            System.out.print("\rtrain fake " + i + "/" + steps);
            System.out.flush();
            Thread.sleep(20);
        }
        checkpoint(dir, steps);
        status(dir, "FINISHED");
        System.out.println("\ndone: " + steps + " steps");
    }

    private static void checkpoint(Path dir, long step) throws IOException {
        if (Files.isDirectory(dir.resolve("checkpoints"))) {
            Files.writeString(dir.resolve("checkpoints").resolve(String.format("step-%08d.ckpt", step)), "fake");
        }
    }

    /** A status.json as the core's RunStatus writes it. */
    static void status(Path dir, String state) throws IOException {
        Files.writeString(dir.resolve("status.json"), "{\"state\": \"" + state + "\", \"pid\": "
                + ProcessHandle.current().pid() + ", \"host\": \"" + InetAddress.getLocalHost().getHostName()
                + "\", \"started\": \"" + Instant.now() + "\", \"updated\": \"" + Instant.now()
                + "\", \"step\": 0, \"message\": \"\"}");
    }
}
