package io.github.gen4j.studio;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.diffusion.DiffusionConfig;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.gan.GeneratorBlocks;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.vae.VaeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Tiny run folders for the studio's tests, trained in this JVM through the core API as {@code gen4j train}
 * would (embedded data, the first 256 images, tiny widths, a few small batches): a run takes a second or two.
 * {@link #template} gives finished runs for a test to copy into its own runs folder, {@link #live} trains in a
 * background thread that waits at each step until the test lets it go on (so a test sees the run at a step of
 * its choosing, as a page watching a real training would), and {@link #modelRuns} is one shared runs folder
 * with a run of each model the Sample, Interpolate and Edit pages work with: {@link #VAE}, {@link #GAN}
 * (conditional, 10 classes) and {@link #DIFFUSION}.
 */
final class TinyRuns {

    /** Images trained on. */
    static final int LIMIT = 256;

    static final String VAE = "vae-tiny";
    static final String GAN = "gan-tiny";
    static final String DIFFUSION = "diffusion-tiny";

    private static TrainingData data;
    private static Path templates;
    private static Path modelRuns;

    private TinyRuns() {}

    /** The embedded data, read once per JVM. */
    static synchronized TrainingData data() {
        if (data == null) {
            data = TrainingData.resolve(TrainingData.EMBEDDED, Map.of(), ImageFolderOptions.defaults(), LIMIT, 42);
        }
        return data;
    }

    /** The model config of a tiny {@code family} ("vae" or "gan") for 28x28 gray images. */
    static JsonNode model(String family) {
        return switch (family) {
            case "vae" -> Json.tree(VaeConfig.defaults(1, 28).withWidths(List.of(8, 16), 32).withLatentDim(4));
            case "gan" -> Json.tree(GanConfig.defaults(1, 28, GanPreset.PLAIN.recipe())
                    .withWidths(List.of(16, 8), List.of(8, 16)).withLatentDim(8));
            default -> throw new IllegalArgumentException("no tiny " + family + " here (vae or gan)");
        };
    }

    /** Settings of a tiny training: {@code steps} steps of batch 32, a metrics line every step. */
    static TrainConfig.Builder settings(long steps) {
        return TrainConfig.builder().steps(steps).batchSize(32).warmupSteps(0).logEvery(1).sampleEvery(0)
                .evalEvery(0);
    }

    /** Trains a tiny {@code family} run to the end in {@code runs/name}; returns its folder. */
    static Path train(Path runs, String name, String family, TrainConfig train) {
        RunDir run = runDir(runs, name);
        trainer(run, family, train).fit(false);
        return run.root();
    }

    private static RunDir runDir(Path runs, String name) {
        try {
            return new RunDir(Files.createDirectories(runs.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Trainer trainer(RunDir run, String family, TrainConfig train) {
        return trainer(run, family, model(family), train, data().heldOut(), Gen4j.device("auto"));
    }

    /** A trainer of a {@code family} model configured by {@code model}, evaluating on {@code heldOut}. */
    private static Trainer trainer(RunDir run, String family, JsonNode model, TrainConfig train,
            ImageDataset heldOut, Device device) {
        TrainingData d = data();
        RunConfig config = new RunConfig(Gen4j.VERSION, family, model, train,
                RunConfig.DataInfo.of(d.note(), d.spec(), d.train(), d.heldOut()));
        return new Trainer(FamilyRegistry.task(family, model), d.train(), heldOut, config, run, device);
    }

    /**
     * The runs folder of {@link #VAE}, {@link #GAN} and {@link #DIFFUSION}, trained on first use (3 steps of
     * batch 16, a checkpoint at step 3) and shared by the test classes.
     */
    static synchronized Path modelRuns() {
        if (modelRuns == null) {
            Path dir = tempDir("gen4j-studio-runs");
            trainModelRun(dir, VAE, "vae", model("vae"));
            trainModelRun(dir, GAN, "gan", Json.tree(new GanConfig(1, 28, 8, List.of(16, 8, 8), List.of(8, 16), 10,
                    GanPreset.PLAIN.recipe().withLr(2e-3, 2e-3)).withGeneratorBlocks(GeneratorBlocks.PIXELNORM)));
            trainModelRun(dir, DIFFUSION, "diffusion", Json.tree(new DiffusionConfig(1, 28, List.of(8, 16, 16), 1,
                    false, 2, 0.0, 4, 20, NoiseSchedule.Kind.LINEAR, DiffusionConfig.Prediction.EPSILON, 0, 0.2)));
            modelRuns = dir;
        }
        return modelRuns;
    }

    private static void trainModelRun(Path runs, String id, String family, JsonNode model) {
        TrainConfig t = settings(3).batchSize(16).checkpointEvery(3).keepCheckpoints(2).seed(5).build();
        long t0 = System.nanoTime();
        // evaluated on a few held-out images (fast); the config names the whole data, which the studio reloads
        trainer(runDir(runs, id), family, model, t, data().heldOut().head(32), Device.cpu()).fit(false);
        System.err.printf("trained %s in %.1f s%n", id, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A finished tiny run trained once per JVM and shared by the test classes, which copy it into their own
     * runs folder ({@link #copy}): "vae" (6 steps, grids at steps 2, 4 and 6), "vae-every3" (6 steps, seed 7,
     * grids at 3 and 6) or "gan" (4 steps, grids at 2 and 4). Every run has held-out metrics at its end.
     */
    static synchronized Path template(String name) {
        Path done = templates().resolve(name);
        if (Files.isDirectory(done)) {
            return done;
        }
        return switch (name) {
            case "vae" -> train(templates(), name, "vae", settings(6).sampleEvery(2).build());
            case "vae-every3" -> train(templates(), name, "vae", settings(6).sampleEvery(3).seed(7).build());
            case "gan" -> train(templates(), name, "gan", settings(4).sampleEvery(2).build());
            default -> throw new IllegalArgumentException("no template run '" + name + "'");
        };
    }

    private static Path templates() {
        if (templates == null) {
            templates = tempDir("gen4j-studio-template-runs");
        }
        return templates;
    }

    /** A new temporary folder, deleted when the JVM exits. */
    private static Path tempDir(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return dir;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** Copies a run folder (a trained template) to {@code runs/name}; returns the copy. */
    static Path copy(Path template, Path runs, String name) {
        Path to = runs.resolve(name);
        try (Stream<Path> files = Files.walk(template)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(template.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Starts a tiny {@code family} run in {@code runs/name} in a background thread, held before step 1. */
    static LiveRun live(Path runs, String name, String family, TrainConfig train) {
        RunDir run = runDir(runs, name);
        LiveRun live = new LiveRun(run.root(), train.steps());
        Trainer trainer = trainer(run, family, train).addListener(live);
        live.start(trainer);
        return live;
    }

    /**
     * A training in a background thread that runs only as far as the test allows: {@link #allow} lets it go
     * to a step, {@link #awaitWritten} waits until that step's metrics and grids are on disk.
     */
    static final class LiveRun implements TrainingListener, AutoCloseable {

        private final Path folder;
        private final long steps;
        private final Object lock = new Object();
        private long allowed;
        /** The step that waits for permission (its work is done, its files not yet written). */
        private long waitingAt;
        private boolean done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private Trainer trainer;
        private Thread thread;

        LiveRun(Path folder, long steps) {
            this.folder = folder;
            this.steps = steps;
        }

        private void start(Trainer t) {
            trainer = t;
            thread = new Thread(() -> {
                try {
                    t.fit(false);
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    synchronized (lock) {
                        done = true;
                        lock.notifyAll();
                    }
                }
            }, "tiny-training-" + folder.getFileName());
            thread.setDaemon(true);
            thread.start();
        }

        Path folder() {
            return folder;
        }

        /** The run's id in a studio whose --runs is the folder's parent. */
        String id() {
            return folder.getFileName().toString();
        }

        @Override
        public void onStep(Trainer.Progress progress, Map<String, Double> metrics) {
            synchronized (lock) {
                waitingAt = progress.step();
                lock.notifyAll();
                while (progress.step() > allowed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** Lets the training go on up to {@code step} (its files written), then waits there. */
        void allow(long step) {
            synchronized (lock) {
                allowed = Math.max(allowed, step);
                lock.notifyAll();
            }
        }

        /**
         * Waits until every step up to {@code step} has written its metrics and grids: the training waits at the
         * next step, or has finished.
         */
        void awaitWritten(long step, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (!(done || waitingAt > step)) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new AssertionError(id() + ": step " + step + " not written within " + timeout
                                + " (waiting at step " + waitingAt + ")");
                    }
                    lock.wait(left);
                }
            }
            rethrow();
        }

        /** Lets the training run to its end and waits for it. */
        void finish(Duration timeout) throws InterruptedException {
            allow(steps);
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError(id() + ": training did not finish within " + timeout);
            }
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError(id() + ": training failed: " + t, t);
            }
        }

        /** Stops the training the way Ctrl-C does (a checkpoint written) and waits for it. */
        @Override
        public void close() throws InterruptedException {
            if (thread == null) {
                return;
            }
            trainer.requestStop();
            allow(Long.MAX_VALUE);
            thread.join(60_000);
        }
    }
}
