package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.CheckpointStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency: a training process killed with SIGKILL (no shutdown hook, no final checkpoint) at
 * random moments, again and again, leaves a run whose newest checkpoint verifies and resumes; once it ends
 * normally, metrics.jsonl holds every step once, in order, with no torn line, and no temporary file is left.
 */
class CrashConsistencyTest {

    @TempDir Path tmp;

    /** A tiny VAE that checkpoints every 2 steps, so that kills often land inside a checkpoint write. */
    static final String[] TRAIN = {"train", "vae", "--data", "embedded", "--limit", "256", "--batch-size", "16",
        "--widths", "8,16", "--hidden", "32", "--latent", "4", "--log-every", "1", "--eval-every", "0",
        "--sample-every", "0", "--checkpoint-every", "2", "--keep", "2"};

    private static Process gen4jProcess(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The run folder under {@code out} once its first checkpoint after {@code afterStep} exists. */
    private static Path awaitCheckpoint(Path out, long afterStep, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("gen4j ended early: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Stream<Path> s = Files.isDirectory(out) ? Files.list(out) : Stream.empty()) {
                for (Path run : s.toList()) {
                    List<Path> ckpts = new CheckpointStore(run.resolve("checkpoints")).list();
                    if (!ckpts.isEmpty() && CheckpointStore.stepOf(ckpts.get(ckpts.size() - 1)) > afterStep) {
                        return run;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint after step " + afterStep + " within 2 minutes");
    }

    @Test
    void killedAtRandomMomentsARunAlwaysResumesFromACheckpointThatVerifies() throws Exception {
        Random rnd = new Random(7);
        Path out = tmp.resolve("runs");
        List<String> fresh = new ArrayList<>(List.of(TRAIN));
        fresh.addAll(List.of("--steps", "100000", "--out", out.toString()));
        Path log = tmp.resolve("train.log");
        Process p = gen4jProcess(log, fresh);
        Path run = awaitCheckpoint(out, 0, p, log);
        long step = 0;
        for (int kill = 0; kill < 4; kill++) {
            Thread.sleep(100 + rnd.nextInt(1200)); // a random moment: inside a step or a checkpoint write
            p.destroyForcibly().waitFor(); // SIGKILL
            CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"));
            Path latest = store.latest().orElseThrow();
            Checkpoint.verify(latest);
            assertTrue(CheckpointStore.stepOf(latest) >= step, "checkpoints never go back: " + latest);
            step = CheckpointStore.stepOf(latest);
            p = gen4jProcess(log, List.of("train", "vae", "--resume", run.toString(), "--steps", "100000"));
            awaitCheckpoint(out, step, p, log);
        }
        p.destroyForcibly().waitFor();
        long last = CheckpointStore.stepOf(new CheckpointStore(run.resolve("checkpoints")).latest().orElseThrow());
        long end = last + 3;
        Process finish = gen4jProcess(log, List.of("train", "vae", "--resume", run.toString(), "--steps",
                String.valueOf(end)));
        assertEquals(0, finish.waitFor(), Files.readString(log, StandardCharsets.UTF_8));

        // every line parses, and the training lines are steps 1..end, each once, in order
        List<Long> steps = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode n = Json.COMPACT.readTree(line); // throws on a torn line
            if (n.path("kind").asText().equals("train")) {
                steps.add(n.path("step").asLong());
            }
        }
        assertEquals(Stream.iterate(1L, s -> s + 1).limit(end).toList(), steps);
        try (Stream<Path> all = Files.walk(run)) {
            assertFalse(all.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
