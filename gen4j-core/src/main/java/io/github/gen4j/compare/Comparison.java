package io.github.gen4j.compare;

import ai.djl.Device;
import io.github.gen4j.Gen4j;
import io.github.gen4j.compare.report.Report;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.eval.EvalOptions;
import io.github.gen4j.eval.Evaluator;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import io.github.gen4j.toy.RingOfGaussians;
import io.github.gen4j.toy.ToyGallery;
import io.github.gen4j.toy.TwoMoons;
import io.github.gen4j.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a comparison: for every family and seed, trains a run through {@link TrainingRun} (the code path of
 * {@code gen4j train}) under the same budget, measures it with {@link RunEvaluation} against held-out
 * images, and records a {@link JobResult} in the run's folder. A run that fails (diverges, throws) is
 * recorded as failed with its message and the others go on. With {@code resume}, complete runs are read
 * back instead of redone and a half-trained run continues from its newest checkpoint.
 *
 * <pre>
 * compare-&lt;timestamp&gt;/
 *   settings.json                     the {@link CompareSettings}
 *   runs/&lt;family&gt;-seed&lt;S&gt;/            a normal run folder, plus compare-result.json when complete
 *   images/, charts/                  sample grids, reconstructions, charts of the report
 *   results.json, summary.md, report.html
 * </pre>
 */
public final class Comparison {

    /** File name of a run's result inside its run folder. */
    public static final String RESULT_FILE = "compare-result.json";
    public static final String SETTINGS_FILE = "settings.json";

    /** What a comparison reports while it works (one overall progress display). */
    public interface Listener {
        /** A run starts: {@code index} of {@code total} (0-based). */
        default void onRun(int index, int total, String family, long seed) {}

        /** Within the current run: fraction of training done, and a short status. */
        default void onProgress(double fraction, String status) {}

        /** A line worth showing (a skipped run, a failure). */
        default void onMessage(String message) {}
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final CompareSettings settings;
    private final FamilyRecipes recipes;
    private final Device device;
    private final Listener listener;
    private boolean retryFailed;
    private volatile boolean stop;
    private volatile Trainer current;

    public Comparison(CompareSettings settings, FamilyRecipes recipes, Device device, Listener listener) {
        this.settings = settings;
        this.recipes = recipes;
        this.device = device;
        this.listener = listener == null ? new Listener() { } : listener;
        settings.families().forEach(recipes::get); // unknown families fail before anything is written
        for (String name : settings.families()) {
            String base = recipes.get(name).requires();
            if (base != null && (settings.families().indexOf(base) < 0
                    || settings.families().indexOf(base) > settings.families().indexOf(name)
                    || settings.seeds().get(base) < settings.seeds().get(name))) {
                throw new IllegalArgumentException("--families: " + name + " builds on the " + base + " run of the same"
                        + " seed: list " + base + " before it, with at least as many --seeds");
            }
        }
    }

    /**
     * With {@code --resume}: also redo runs that failed in training (by default a failure is a result), from
     * scratch with the current settings; the failed run's folder is kept as {@code <run>.failed-N}. (A run
     * that failed while being measured is always measured again, from its final checkpoint.)
     */
    public Comparison retryFailed(boolean r) {
        retryFailed = r;
        return this;
    }

    /** Stops after the current training step (checkpointed); unfinished runs stay pending for --resume. */
    public void requestStop() {
        stop = true;
        Trainer t = current;
        if (t != null) {
            t.requestStop();
        }
    }

    /** A new, uniquely named {@code compare-<timestamp>} folder under {@code parent}. */
    public static Path newFolder(Path parent) {
        try {
            return Files.createDirectories(freshName(parent));
        } catch (IOException e) {
            throw new UncheckedIOException(parent + ": cannot create the comparison folder: " + e.getMessage(), e);
        }
    }

    /** A {@code compare-<timestamp>} path under {@code parent} that does not exist yet ({@link #run} creates it). */
    public static Path freshName(Path parent) {
        String base = "compare-" + LocalDateTime.now().format(STAMP);
        Path p = parent.resolve(base);
        for (int i = 2; Files.exists(p); i++) {
            p = parent.resolve(base + "-" + i);
        }
        return p;
    }

    /** The settings saved in a comparison folder (for --resume). */
    public static CompareSettings readSettings(Path dir) {
        Path f = dir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("--resume: " + dir + " is not a comparison folder (no " + SETTINGS_FILE
                    + ")");
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), CompareSettings.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: " + f + ": unreadable: " + e.getMessage(), e);
        }
    }

    /** The run folder of one family and seed. */
    public static Path runFolder(Path dir, String family, long seed) {
        return dir.resolve("runs").resolve(family + "-seed" + seed);
    }

    /** Trains and measures every run (skipping complete ones), then writes results.json and the report. */
    public CompareResults run(Path dir) throws IOException {
        // the data first: a bad --data fails before anything is written
        TrainingData data = TrainingData.resolve(settings.data(), System.getenv(), ImageFolderOptions.defaults(),
                settings.limit(), settings.baseSeed());
        listener.onMessage(data.note());
        if (data.heldOut().size() < 2) {
            throw new IllegalArgumentException("--data: " + data.heldOut().size() + " held-out images; the comparison"
                    + " needs held-out images the models are not trained on");
        }
        Files.createDirectories(dir);
        Path settingsFile = dir.resolve(SETTINGS_FILE);
        String created = (Files.exists(settingsFile) ? Files.getLastModifiedTime(settingsFile).toInstant()
                : java.time.Instant.now()).toString();
        Json.write(settingsFile, settings);
        List<JobResult> done = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        // what the feature network and reference were: read back on --resume, replaced if this call measures
        Map<String, Object> evaluation = previousEvaluation(dir);
        Path images = dir.resolve("images");
        int total = settings.jobs();
        int index = 0;
        try (Measurer measurer = new Measurer(data, evaluation)) {
            for (String family : settings.families()) {
                FamilyRecipe recipe = recipes.get(family);
                for (long seed : settings.seedsOf(family)) {
                    Path runDir = runFolder(dir, family, seed);
                    JobResult previous = readResult(runDir);
                    boolean measureAgain = previous != null && previous.failedInMeasuring();
                    if (previous != null && (previous.ok() || !retryFailed) && !measureAgain) {
                        listener.onMessage("skipping " + family + " seed " + seed + ": already " + previous.status());
                        done.add(previous);
                        index++;
                        continue;
                    }
                    if (stop) {
                        pending.add(family + " seed " + seed);
                        index++;
                        continue;
                    }
                    if (measureAgain) { // its training had finished: measured again from its final checkpoint
                        listener.onMessage(family + " seed " + seed + ": measuring again (it failed while being"
                                + " measured)");
                    } else if (previous != null) { // a failed run trained again: from scratch, with today's settings
                        Path aside = setAside(runDir);
                        listener.onMessage(family + " seed " + seed + ": training again; the failed run is kept in "
                                + aside);
                    }
                    listener.onRun(index++, total, family, seed);
                    JobResult r = runOne(dir, runDir, recipe, seed, data, measurer, images);
                    if (r == null) {
                        pending.add(family + " seed " + seed);
                    } else {
                        Json.write(runDir.resolve(RESULT_FILE), r);
                        done.add(r);
                        if (!r.ok()) {
                            listener.onMessage(family + " seed " + seed + " failed: " + r.message());
                        }
                    }
                }
            }
            if (!stop) {
                measureFailedCurves(dir, done, measurer, images);
                measureLatents(dir, done, data, measurer, images);
            }
        }
        Map<String, Object> toy = stop ? readToy(dir) : toySection(dir);
        Map<String, Object> dataInfo = new LinkedHashMap<>();
        dataInfo.put("note", data.note());
        dataInfo.put("spec", data.spec());
        dataInfo.put("train", data.train().toString());
        dataInfo.put("trainImages", data.train().size());
        dataInfo.put("heldOut", data.heldOut().toString());
        dataInfo.put("heldOutImages", data.heldOut().size());
        dataInfo.put("shape", data.train().shapeString());
        CompareResults results = new CompareResults(Gen4j.VERSION, created, settings, dataInfo, evaluation, done,
                pending, CompareResults.summarize(settings.families(), done), toy);
        Json.write(dir.resolve("results.json"), results);
        new Report(Report.defaultSections()).write(dir, results);
        return results;
    }

    /** One run: train (or continue), then measure; null if stopped before the end. */
    private JobResult runOne(Path dir, Path runDir, FamilyRecipe recipe, long seed, TrainingData data,
            Measurer measurer, Path images) {
        String family = recipe.name();
        String rel = dir.relativize(runDir).toString();
        long t0 = System.nanoTime();
        String phase = "";
        try {
            TrainingRun tr;
            RunDir rd = new RunDir(runDir);
            if (Files.isRegularFile(rd.configFile()) && rd.checkpoints().latest().isPresent()) {
                tr = TrainingRun.resume(rd, recipe.family(), saved -> data, null, null);
                listener.onMessage(family + " seed " + seed + ": continuing from " + rd.checkpoints().latest().get());
            } else {
                Files.createDirectories(runDir);
                tr = TrainingRun.start(rd, recipe.task(data.train(), settings.scale(),
                        new FamilyRecipe.Context(dir, seed, device)), data, trainConfig(recipe, seed));
            }
            Trainer trainer = tr.trainer(device);
            trainer.addListener(new TrainingListener() {
                @Override
                public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                    listener.onProgress(p.fraction(), String.format(java.util.Locale.ROOT, "%s seed %d: step %d",
                            family, seed, p.step()));
                }
            });
            current = trainer;
            if (stop) {
                return null;
            }
            Trainer.Result r = tr.fit(trainer);
            current = null;
            if (r.stoppedEarly()) {
                return null;
            }
            listener.onProgress(1, family + " seed " + seed + ": measuring");
            phase = JobResult.MEASURING;
            return measurer.measure(dir, runDir, rel, recipe, seed, r, images, t0);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            current = null;
            if (stop && !phase.isEmpty()) {
                return null; // Ctrl-C while measuring: pending, and a --resume measures the finished run
            }
            String msg = phase + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            int nl = msg.indexOf('\n');
            JobResult failed = new JobResult(family, seed, JobResult.FAILED, nl < 0 ? msg : msg.substring(0, nl), rel,
                    Map.of(), Map.of(), Map.of(), List.of(), null, null, (System.nanoTime() - t0) / 1e9,
                    java.time.Instant.now().toString(), null);
            boolean inTraining = phase.isEmpty() && !(e instanceof OutOfMemoryError);
            return inTraining ? curveBeforeFailure(dir, failed, measurer, images) : failed;
        }
    }

    /**
     * A run that failed in training, with the curve of the checkpoints it saved before (how good it was
     * until it failed; a GAN's discriminator can win after a good start). A failure to measure them leaves
     * the curve empty and is reported as a message.
     */
    private JobResult curveBeforeFailure(Path dir, JobResult failed, Measurer measurer, Path images) {
        Path runDir = dir.resolve(failed.run());
        if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
            return failed;
        }
        listener.onProgress(1, failed.family() + " seed " + failed.seed() + ": measuring the checkpoints before the"
                + " failure");
        String note;
        List<JobResult.CurvePoint> curve = List.of();
        try {
            curve = measurer.curve(runDir, recipes.get(failed.family()), failed.seed(), Long.MAX_VALUE, images);
            note = curve.size() + " checkpoint(s) measured";
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            if (stop) {
                return failed; // Ctrl-C: a later --resume measures them
            }
            note = "not measured: " + e.getMessage();
            listener.onMessage(failed.family() + " seed " + failed.seed() + ": checkpoints before the failure "
                    + note);
        }
        return failed.withCurve(curve, note);
    }

    /** Failed runs from before that lack the curve of their checkpoints ({@link #curveBeforeFailure}). */
    private void measureFailedCurves(Path dir, List<JobResult> done, Measurer measurer, Path images) throws IOException {
        rewrite(dir, done, j -> !j.failedInTraining() || j.curveAttempted() ? j
                : curveBeforeFailure(dir, j, measurer, images));
    }

    /**
     * The latent-space measurements ({@link LatentMeasures}) of every successful run that lacks them, after
     * all training (so a comparison finishes its runs first; --resume adds them to runs measured before).
     * A failure is recorded as the run's "latent" note and does not fail the run.
     */
    private void measureLatents(Path dir, List<JobResult> done, TrainingData data, Measurer measurer, Path images)
            throws IOException {
        rewrite(dir, done, j -> !j.ok() || j.latentMeasured() ? j : withLatent(dir, j, data, measurer, images));
    }

    /** {@code j} with its latent-space measurements, or with a note saying why they failed. */
    private JobResult withLatent(Path dir, JobResult j, TrainingData data, Measurer measurer, Path images) {
        listener.onProgress(1, j.family() + " seed " + j.seed() + ": latent space");
        try {
            LatentMeasures.Measured m = LatentMeasures.measure(dir.resolve(j.run()), measurer.network(),
                    data.heldOut(), device, images, j.family() + "-seed" + j.seed(), j.seed());
            return j.withLatent(m.metrics(), m.encoding() + "; smoothness over "
                    + io.github.gen4j.latent.Smoothness.DEFAULT_PAIRS + " slerp paths between seeds, strip between"
                    + " held-out images 0 and 1", m.stripImage());
        } catch (RuntimeException | IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            listener.onMessage(j.family() + " seed " + j.seed() + ": latent space not measured: " + msg);
            return j.withLatent(Map.of(), "not measured: " + msg, null);
        }
    }

    /**
     * Passes each finished result through {@code update} (until Ctrl-C); one it changes (a new object) replaces
     * the old in {@code done} and in its run folder.
     */
    private void rewrite(Path dir, List<JobResult> done, java.util.function.UnaryOperator<JobResult> update)
            throws IOException {
        for (int i = 0; i < done.size() && !stop; i++) {
            JobResult j = done.get(i);
            JobResult updated = update.apply(j);
            if (updated != j) {
                Json.write(dir.resolve(j.run()).resolve(RESULT_FILE), updated);
                done.set(i, updated);
            }
        }
    }

    /** The "evaluation" of an earlier results.json in {@code dir}, or an empty map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> previousEvaluation(Path dir) {
        Path f = dir.resolve("results.json");
        Map<String, Object> out = new LinkedHashMap<>();
        if (Files.isRegularFile(f)) {
            try {
                Object e = Json.MAPPER.readValue(f.toFile(), Map.class).get("evaluation");
                if (e instanceof Map<?, ?> m) {
                    out.putAll((Map<String, Object>) m);
                }
            } catch (IOException e) {
                // unreadable: measured again when a run is measured
            }
        }
        return out;
    }

    /** Folder of the 2D toy section inside a comparison folder. */
    public static final String TOY_DIR = "toy";

    /**
     * Trains the 2D toy models of the compared families that have one ({@link ToyGallery#FAMILIES}) on 8
     * Gaussians and two moons, unless {@code toy/metrics.json} already holds them with the same steps; returns
     * the section's metrics ({@link #readToy}) or a note why there is none.
     */
    private Map<String, Object> toySection(Path dir) {
        List<String> fams = settings.families().stream().filter(ToyGallery.FAMILIES::contains).toList();
        if (settings.toySteps() == 0 || fams.isEmpty()) {
            return Map.of("note", settings.toySteps() == 0 ? "no toy section (--toy-steps 0)"
                    : "no compared family has a 2D toy model (" + String.join(", ", ToyGallery.FAMILIES) + ")");
        }
        Map<String, Object> prev = readToy(dir);
        if (prev.get("steps") instanceof Number n && n.intValue() == settings.toySteps()
                && prev.get("results") instanceof List<?> l && l.size() == 2 * fams.size()) {
            return prev;
        }
        String what = "2D toys (" + String.join(", ", fams) + "; " + settings.toySteps() + " steps each)";
        listener.onProgress(1, what);
        long t0 = System.nanoTime();
        try {
            ToyGallery.run(fams, List.of(RingOfGaussians.eight(), TwoMoons.standard()), settings.toySteps(),
                    settings.baseSeed(), dir.resolve(TOY_DIR), new ToyGallery.Options(GanPreset.STABILIZED, 1000, 64,
                            device, line -> { })); // per-step losses would flood the one progress display
            listener.onMessage(String.format(java.util.Locale.ROOT, "%s done in %.0f s", what,
                    (System.nanoTime() - t0) / 1e9));
            return readToy(dir);
        } catch (RuntimeException | IOException e) {
            listener.onMessage("2D toy section failed: " + e.getMessage());
            return Map.of("note", "the 2D toy section failed: " + e.getMessage());
        }
    }

    /** The toy section's metrics.json, or a note saying it is missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readToy(Path dir) {
        Path f = dir.resolve(TOY_DIR).resolve("metrics.json");
        if (!Files.isRegularFile(f)) {
            return Map.of("note", "not measured in this comparison");
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), Map.class);
        } catch (IOException e) {
            return Map.of("note", f + ": unreadable: " + e.getMessage());
        }
    }

    /**
     * Non-finite losses or gradients a run survives by reloading its newest good checkpoint at half the
     * learning rate; one more fails the run. A comparison runs unattended, so it rolls back where
     * {@code gen4j train} stops by default; each run's {@code rollbacks} count is a metric of its stability.
     */
    public static final int MAX_ROLLBACKS = 3;

    /**
     * The shared training settings (those of {@code gen4j train}'s options without values, except the NaN
     * policy: rollback, see {@link #MAX_ROLLBACKS}) tuned by the family, with checkpoints at {@code curvePoints}
     * equal fractions of the budget for the curves.
     */
    TrainConfig trainConfig(FamilyRecipe recipe, long seed) {
        int points = settings.curvePoints();
        long steps = settings.steps();
        double budget = settings.budgetSeconds();
        int every = steps > 0 ? (int) Math.max(1, steps / points) : Integer.MAX_VALUE;
        // by budget only: a checkpoint every budget/points seconds of training (the step count is unknown)
        double seconds = steps > 0 ? 0 : budget / points;
        // a loss curve of some 20+ points even for short runs (gen4j train logs every 50 steps)
        int logEvery = steps > 0 ? (int) Math.max(1, Math.min(50, steps / 20)) : budget < 300 ? 10 : 50;
        TrainConfig shared = new TrainConfig(steps, budget, settings.batchSize(), 1e-3, 0.9, 0.999, 0, 100, true, 0.05,
                100, 0.999, logEvery, 1000, 500, every, seconds, points + 2, TrainConfig.NanPolicy.ROLLBACK,
                MAX_ROLLBACKS, seed);
        return recipe.adjust(shared);
    }

    /** Renames a failed run's folder to {@code <name>.failed-N} (the first free N) and returns the new path. */
    private static Path setAside(Path runDir) throws IOException {
        Path aside = runDir.resolveSibling(runDir.getFileName() + ".failed-1");
        for (int i = 2; Files.exists(aside); i++) {
            aside = runDir.resolveSibling(runDir.getFileName() + ".failed-" + i);
        }
        return Files.move(runDir, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static JobResult readResult(Path runDir) {
        Path f = runDir.resolve(RESULT_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), JobResult.class);
        } catch (IOException e) {
            return null; // unreadable: redo the run
        }
    }

    /** The feature network and evaluator, prepared once, on first use. */
    private final class Measurer implements AutoCloseable {
        private final TrainingData data;
        private final Map<String, Object> info;
        private FeatureNetwork net;
        private Evaluator ev;

        Measurer(TrainingData data, Map<String, Object> info) {
            this.data = data;
            this.info = info;
        }

        FeatureNetwork network() {
            evaluator();
            return net;
        }

        Evaluator evaluator() {
            if (ev == null) {
                var t = data.train();
                net = FeatureNetwork.resolve(null, t.channels(), t.height(), t.width(), device, listener::onMessage);
                ev = new Evaluator(net, data.train(), data.heldOut(), true,
                        EvalOptions.defaults().withSeed(settings.baseSeed()), listener::onMessage);
                info.put("featureNetwork", ev.networkInfo());
                info.put("reference", ev.reference().size() + " images of the " + ev.reference().name());
                info.put("referenceImages", ev.reference().size());
                info.put("classes", net.numClasses());
            }
            return ev;
        }

        JobResult measure(Path dir, Path runDir, String rel, FamilyRecipe recipe, long seed, Trainer.Result r,
                Path images, long t0) throws IOException {
            Evaluator e = evaluator();
            long e0 = System.nanoTime();
            List<JobResult.CurvePoint> curve = curve(runDir, recipe, seed, r.steps(), images);
            String tag = recipe.name() + "-seed" + seed;
            RunEvaluation.Measured m = new RunEvaluation(e, data.heldOut(), settings, device).full(runDir, recipe, seed,
                    images, tag);
            Map<String, Map<String, Double>> variants = m.variants();
            Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
            metrics.put("train_images_per_s", r.imagesPerSecond());
            metrics.put("train_seconds", r.elapsedSeconds());
            metrics.put("steps", (double) r.steps());
            metrics.put("rollbacks", r.lastCheckpoint() == null ? 0.0
                    : Checkpoint.readHeader(r.lastCheckpoint()).path("rollbacks").asDouble(0));
            Map<String, Double> end = new LinkedHashMap<>(m.metrics());
            curve.add(new JobResult.CurvePoint(r.steps(), r.elapsedSeconds(), end));
            String samples = Files.isRegularFile(images.resolve(tag + "-samples.png"))
                    ? "images/" + tag + "-samples.png" : null;
            String recon = Files.isRegularFile(images.resolve(tag + "-reconstructions.png"))
                    ? "images/" + tag + "-reconstructions.png" : null;
            return new JobResult(recipe.name(), seed, JobResult.OK, null, rel, metrics, m.notes(), variants, curve,
                    samples, recon, (System.nanoTime() - e0) / 1e9, java.time.Instant.now().toString(), null);
        }

        /**
         * The sample metrics of the run's checkpoints between the untrained start and step {@code end}
         * (exclusive: the end is measured with the final model).
         */
        List<JobResult.CurvePoint> curve(Path runDir, FamilyRecipe recipe, long seed, long end, Path images)
                throws IOException {
            List<JobResult.CurvePoint> curve = new ArrayList<>();
            for (Path c : new CheckpointStore(runDir.resolve("checkpoints")).list()) {
                long step = CheckpointStore.stepOf(c);
                if (step == 0 || step >= end) {
                    continue;
                }
                if (stop) {
                    throw new IllegalStateException("stopped (Ctrl-C) before the checkpoint at step " + step);
                }
                try {
                    RunEvaluation.Measured m = new RunEvaluation(evaluator(), data.heldOut(), settings, device)
                            .samples(runDir, c, seed);
                    curve.add(new JobResult.CurvePoint(step, Checkpoint.readHeader(c).path("elapsedSeconds")
                            .asDouble(), m.metrics()));
                } catch (RuntimeException | OutOfMemoryError ex) { // a point of the curve failing does not fail the run
                    listener.onMessage(recipe.name() + " seed " + seed + ": curve point at step " + step
                            + " not measured: " + ex.getMessage());
                }
            }
            return curve;
        }

        @Override
        public void close() {
            if (net != null) {
                net.close();
            }
        }
    }
}
