package io.github.gen4j.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The model-agnostic training loop. A family supplies a {@link TrainingTask}; the trainer supplies
 * seeded batches, the learning-rate schedule, clipping, EMA, the NaN guard, metrics, sample grids,
 * evaluation and atomic checkpoints, and can resume a run so that it continues exactly where it stopped.
 *
 * <p>Memory: each step runs in its own {@link NDManager}, closed at the end of the step; weights and
 * optimizer state live in {@link ModelState}'s managers. Nothing per-step outlives its step.
 */
public final class Trainer {

    /**
     * A snapshot of where training is, for listeners. {@code liveArrays} counts the native arrays the
     * run's managers hold between steps (weights, optimizer and EMA state): constant in a run that does
     * not leak.
     */
    public record Progress(
            long step, long totalSteps, double elapsedSeconds, double budgetSeconds, double imagesPerSecond,
            long parameterCount, int liveArrays) {

        /** Fraction done in [0, 1], by steps or by budget, whichever is further along. */
        public double fraction() {
            double a = totalSteps > 0 ? (double) step / totalSteps : 0;
            double b = budgetSeconds > 0 ? elapsedSeconds / budgetSeconds : 0;
            return Math.min(1, Math.max(a, b));
        }
    }

    /** What a finished {@link #fit} reports. */
    public record Result(long steps, double elapsedSeconds, double imagesPerSecond, Path lastCheckpoint,
            Map<String, Double> lastEval, boolean stoppedEarly) {}

    private static final int SNAPSHOT_IMAGES = 64;

    private final TrainingTask task;
    private final ImageDataset train;
    private final ImageDataset heldOut;
    private final RunConfig runConfig;
    private final TrainConfig cfg;
    private final RunDir run;
    private final Device device;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private volatile boolean stopRequested;
    /** This session's status.json, once training has started. */
    private RunStatus status;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Trainer(TrainingTask task, ImageDataset train, ImageDataset heldOut, RunConfig runConfig, RunDir run,
            Device device) {
        this.task = task;
        this.train = train;
        this.heldOut = heldOut == null || heldOut.size() == 0 ? null : heldOut;
        this.runConfig = runConfig;
        this.cfg = runConfig.train();
        this.run = run;
        this.device = device;
    }

    public Trainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Asks the loop to stop after the current step and write a final checkpoint (e.g. on Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #fit} has returned or thrown (for shutdown hooks). */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Trains until the step count or budget is reached. With {@code resume}, continues from the run
     * folder's newest checkpoint (and fails if there is none).
     */
    public Result fit(boolean resume) {
        try {
            Result r = doFit(resume);
            if (status != null) {
                status.to(r.stoppedEarly() ? RunStatus.State.STOPPED : RunStatus.State.FINISHED, r.steps(),
                        r.stoppedEarly() ? "stop requested" : "").writeTo(run);
            }
            return r;
        } catch (IOException e) {
            failed(e);
            throw new UncheckedIOException(run.root() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            failed(e);
            throw e;
        } finally {
            finished.countDown();
        }
    }

    /** Records a failure in status.json (once the run has a status: a run that never started has none). */
    private void failed(Throwable e) {
        if (status != null) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            status.to(RunStatus.State.FAILED, status.step(), why.lines().findFirst().orElse(why)).writeTo(run);
        }
    }

    private Result doFit(boolean resume) throws IOException {
        Engine engine = Gen4j.engine();
        CheckpointStore store = run.checkpoints();
        Files.createDirectories(store.dir());
        Files.createDirectories(run.samplesDir());
        int stale = store.removeStaleTemporaries(run.root());
        if (stale > 0) {
            message("removed " + stale + " temporary file(s) left by an interrupted write");
        }
        try (NDManager root = NDManager.newBaseManager(device);
                ModelState state = new ModelState(task, cfg, cfg.seed(), root);
                MetricsLog log = new MetricsLog(run.metricsFile())) {
            Batcher batcher = new Batcher(train, cfg.batchSize(), cfg.seed());
            Loop loop = new Loop();
            if (resume) {
                Path latest = store.latest().orElseThrow(() -> new CheckpointException(
                        store.dir() + ": no checkpoint to resume from"));
                JsonNode header = state.load(latest, true, false);
                for (String change : RunConfigCheck.againstCheckpoint(runConfig, header.get("config"),
                        run.configFile(), latest)) {
                    message("changed since " + latest.getFileName() + ": " + change);
                }
                loop.restore(header);
                loop.lastCheckpoint = latest; // a finished run resumed: its result names the checkpoint it ended at
                log.truncateAfter(loop.step);
                message("resumed from " + latest + " at step " + loop.step);
            } else {
                run.writeConfig(runConfig);
                loop.lastCheckpoint = checkpoint(state, store, loop);
            }
            status = RunStatus.training(loop.step);
            status.writeTo(run);
            Progress startProgress = loop.progress(state, 0);
            listeners.forEach(l -> l.onStart(startProgress));

            Map<String, Double> window = new LinkedHashMap<>();
            int windowSteps = 0;
            long windowStart = System.nanoTime();
            int windowImages = 0;
            double lastRate = 0;
            double sinceCheckpoint = 0;
            Map<String, Double> lastEval = Map.of();
            boolean stoppedEarly = false;
            while (loop.hasNext()) {
                if (stopRequested) {
                    stoppedEarly = true;
                    message("stop requested: saving a checkpoint at step " + loop.step);
                    break;
                }
                long t0 = System.nanoTime();
                Map<String, Double> metrics;
                try {
                    metrics = step(engine, root, state, batcher, loop);
                } catch (NonFiniteException e) {
                    handleNonFinite(e, state, store, loop, log);
                    continue;
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                loop.step++;
                loop.elapsed += dt;
                sinceCheckpoint += dt;
                loop.images += cfg.batchSize();
                windowImages += cfg.batchSize();
                windowSteps++;
                metrics.forEach((k, v) -> window.merge(k, v, Double::sum));
                double rate = windowImages / Math.max(1e-9, (System.nanoTime() - windowStart) / 1e9);
                Progress p = loop.progress(state, lastRate > 0 ? lastRate : rate);
                listeners.forEach(l -> l.onStep(p, metrics));

                if (loop.step % cfg.logEvery() == 0 || !loop.hasNext()) {
                    Map<String, Object> rec = new LinkedHashMap<>();
                    rec.put("time", loop.elapsed);
                    rec.put("epoch", (double) loop.images / train.size());
                    rec.put("lr", loop.currentLr);
                    rec.put("images_per_s", rate);
                    int n = windowSteps;
                    window.forEach((k, v) -> rec.put(k, v / n));
                    log.log(loop.step, "train", rec);
                    lastRate = rate;
                    window.clear();
                    windowSteps = 0;
                    windowImages = 0;
                    windowStart = System.nanoTime();
                }
                boolean last = !loop.hasNext();
                if (last || (cfg.evalEvery() > 0 && loop.step % cfg.evalEvery() == 0)) {
                    lastEval = evaluateAndSnapshot(engine, root, state, log, loop.step,
                            last || (cfg.sampleEvery() > 0 && loop.step % cfg.sampleEvery() == 0));
                } else if (cfg.sampleEvery() > 0 && loop.step % cfg.sampleEvery() == 0) {
                    evaluateAndSnapshot(engine, root, state, null, loop.step, true);
                }
                if (loop.step % cfg.checkpointEvery() == 0
                        || (cfg.checkpointSeconds() > 0 && sinceCheckpoint >= cfg.checkpointSeconds())) {
                    loop.lastCheckpoint = checkpoint(state, store, loop);
                    sinceCheckpoint = 0;
                }
            }
            if (stoppedEarly) {
                evaluateAndSnapshot(engine, root, state, log, loop.step, true);
            }
            if (loop.lastCheckpointStep != loop.step) {
                loop.lastCheckpoint = checkpoint(state, store, loop);
            }
            Progress end = loop.progress(state, lastRate);
            listeners.forEach(l -> l.onEnd(end));
            return new Result(loop.step, loop.elapsed, loop.images / Math.max(1e-9, loop.elapsed),
                    loop.lastCheckpoint, lastEval, stoppedEarly);
        }
    }

    /** One optimizer step in its own manager; returns the task's metrics plus gradient norms. */
    private Map<String, Double> step(Engine engine, NDManager root, ModelState state, Batcher batcher, Loop loop) {
        try (NDManager sm = root.newSubManager()) {
            engine.setRandomSeed(StepSeeds.forStep(cfg.seed(), loop.step));
            Batch batch = batcher.batch(loop.step, sm);
            double factor = cfg.lrFactor(loop.step, loop.progressFraction()) * loop.lrScale;
            Map<String, Double> lrs = new LinkedHashMap<>();
            state.baseLr().forEach((k, v) -> lrs.put(k, v * factor));
            loop.currentLr = cfg.lr() * factor;
            Map<String, Double> norms = new LinkedHashMap<>();
            StepContext ctx = new StepContext(loop.step, sm, state.optimizers(), lrs, cfg.gradClip(), norms);
            Map<String, Double> metrics = new LinkedHashMap<>(task.trainStep(ctx, batch));
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                if (!Double.isFinite(e.getValue())) {
                    throw new NonFiniteException("metric '" + e.getKey() + "' is " + e.getValue());
                }
            }
            metrics.putAll(norms);
            if (state.ema() != null) {
                state.ema().update(loop.step);
            }
            return metrics;
        }
    }

    private void handleNonFinite(NonFiniteException e, ModelState state, CheckpointStore store, Loop loop,
            MetricsLog log) {
        String where = "step " + loop.step + ": " + e.getMessage();
        log.log(loop.step, "event", Map.of("event", "non-finite", "message", e.getMessage()));
        Path good = store.latest().orElse(null);
        if (cfg.nanPolicy() == TrainConfig.NanPolicy.STOP || good == null) {
            throw new TrainingDivergedException("training diverged at " + where + "; stopped without saving"
                    + " the broken model (newest good checkpoint: " + good + "). Try a lower --lr, or"
                    + " --nan-policy rollback", e);
        }
        if (loop.rollbacks >= cfg.maxRollbacks()) {
            throw new TrainingDivergedException("training diverged at " + where + " after " + loop.rollbacks
                    + " rollbacks; newest good checkpoint: " + good, e);
        }
        double scale = loop.lrScale * 0.5;
        int rollbacks = loop.rollbacks + 1;
        loop.restore(state.load(good, true, false));
        loop.lrScale = scale;
        loop.rollbacks = rollbacks;
        String msg = "non-finite values at " + where + "; rolled back to " + good.getFileName()
                + " (step " + loop.step + ") with learning rate x" + scale;
        log.log(loop.step, "event", Map.of("event", "rollback", "message", msg));
        message(msg);
    }

    private Map<String, Double> evaluateAndSnapshot(Engine engine, NDManager root, ModelState state,
            MetricsLog log, long step, boolean snapshot) throws IOException {
        ImageDataset eval = heldOut != null ? heldOut : train;
        Map<String, Double> metrics = Map.of();
        try (NDManager m = root.newSubManager()) {
            Ema ema = state.ema();
            if (ema != null) {
                ema.swapIn(m);
            }
            try {
                // evaluation and snapshot each in their own manager: the evaluation's arrays are freed first
                if (log != null) {
                    try (NDManager em = m.newSubManager()) {
                        engine.setRandomSeed(StepSeeds.forEval(cfg.seed()));
                        Batch b = Batcher.range(eval, 0, Math.min(eval.size(), 1000), em);
                        metrics = task.evaluate(em, b);
                    }
                    log.log(step, "eval", metrics);
                    Map<String, Double> done = metrics;
                    listeners.forEach(l -> l.onEval(step, done));
                }
                if (snapshot) {
                    try (NDManager sm = m.newSubManager()) {
                        engine.setRandomSeed(StepSeeds.forEval(cfg.seed()));
                        Batch fixed = Batcher.range(eval, 0, SNAPSHOT_IMAGES, sm);
                        task.snapshot(sm, fixed, run.samplesDir(), String.format("step-%08d", step));
                    }
                }
            } finally {
                if (ema != null) {
                    ema.swapOut(m);
                }
            }
        }
        return metrics;
    }

    private Path checkpoint(ModelState state, CheckpointStore store, Loop loop) throws IOException {
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("format", "gen4j-checkpoint");
        h.put("gen4jVersion", Gen4j.VERSION);
        h.put("family", task.family());
        h.put("step", loop.step);
        h.put("elapsedSeconds", loop.elapsed);
        h.put("images", loop.images);
        h.put("lrScale", loop.lrScale);
        h.put("rollbacks", loop.rollbacks);
        ObjectNode steps = h.putObject("optimizerSteps");
        state.optimizers().forEach((k, o) -> steps.put(k, o.stepCount()));
        h.set("config", Json.tree(runConfig));
        Path file = store.fileFor(loop.step);
        state.save(file, h);
        store.commit(file, cfg.keepCheckpoints());
        loop.lastCheckpointStep = loop.step;
        listeners.forEach(l -> l.onCheckpoint(loop.step, file));
        return file;
    }

    private void message(String msg) {
        listeners.forEach(l -> l.onMessage(msg));
    }

    /** Mutable loop counters, restorable from a checkpoint header. */
    private final class Loop {
        long step;
        double elapsed;
        long images;
        double lrScale = 1.0;
        int rollbacks;
        double currentLr;
        long lastCheckpointStep = -1;
        Path lastCheckpoint;

        boolean hasNext() {
            boolean stepsLeft = cfg.steps() == 0 || step < cfg.steps();
            boolean timeLeft = cfg.budgetSeconds() == 0 || elapsed < cfg.budgetSeconds();
            return stepsLeft && timeLeft;
        }

        double progressFraction() {
            return cfg.steps() > 0 ? (double) step / cfg.steps() : elapsed / cfg.budgetSeconds();
        }

        void restore(JsonNode h) {
            step = h.path("step").asLong();
            elapsed = h.path("elapsedSeconds").asDouble();
            images = h.path("images").asLong();
            lrScale = h.path("lrScale").asDouble(1.0);
            rollbacks = h.path("rollbacks").asInt(0);
            lastCheckpointStep = step;
        }

        Progress progress(ModelState state, double rate) {
            return new Progress(step, cfg.steps(), elapsed, cfg.budgetSeconds(), rate, state.parameterCount(),
                    state.liveArrays());
        }
    }
}
