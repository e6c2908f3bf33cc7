package io.github.gen4j.compare;

import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.eval.EvalOptions;
import io.github.gen4j.eval.Evaluator;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.latent.Smoothness;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.CheckpointStore;
import io.github.gen4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the runs of a comparison against its held-out images: a finished run ({@link RunEvaluation} of its
 * final model and the sample metrics of its checkpoints: the curve), the checkpoints a failed run saved before
 * its failure, and the latent space ({@link LatentMeasures}). The feature network and evaluator are prepared
 * once, on first use, and recorded in the folder's {@code evaluation.json}.
 */
final class Measurer implements AutoCloseable {

    private final CompareContext ctx;
    private final ComparisonFolder folder;
    private final Comparison.Listener listener;
    private FeatureNetwork net;
    private Evaluator ev;

    Measurer(CompareContext ctx) {
        this.ctx = ctx;
        this.folder = ctx.folder();
        this.listener = ctx.listener();
    }

    private Evaluator evaluator() {
        if (ev == null) {
            var t = ctx.data().train();
            net = FeatureNetwork.resolve(null, t.channels(), t.height(), t.width(), ctx.device(), listener::onMessage);
            ev = new Evaluator(net, t, ctx.data().heldOut(), true,
                    EvalOptions.defaults().withSeed(ctx.settings().baseSeed()), listener::onMessage);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("featureNetwork", ev.networkInfo());
            info.put("reference", ev.reference().size() + " images of the " + ev.reference().name());
            info.put("referenceImages", ev.reference().size());
            info.put("classes", net.numClasses());
            folder.writeEvaluation(info);
        }
        return ev;
    }

    private RunEvaluation runEvaluation() {
        return new RunEvaluation(evaluator(), ctx.data().heldOut(), ctx.settings(), ctx.device());
    }

    /** The result of {@code job}'s finished training {@code r}: every measurement of its final model, its curve. */
    JobResult finished(Job job, FamilyRecipe recipe, Trainer.Result r) throws IOException {
        Path runDir = folder.runFolder(job);
        Path images = folder.imagesDir();
        long e0 = System.nanoTime();
        List<JobResult.CurvePoint> curve = curve(job, recipe, r.steps());
        String tag = job.name();
        RunEvaluation.Measured m = runEvaluation().full(runDir, recipe, job.seed(), images, tag);
        Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
        metrics.put("train_images_per_s", r.imagesPerSecond());
        metrics.put("train_seconds", r.elapsedSeconds());
        metrics.put("steps", (double) r.steps());
        metrics.put("rollbacks", r.lastCheckpoint() == null ? 0.0
                : Checkpoint.readHeader(r.lastCheckpoint()).path("rollbacks").asDouble(0));
        curve.add(new JobResult.CurvePoint(r.steps(), r.elapsedSeconds(), new LinkedHashMap<>(m.metrics())));
        String samples = Files.isRegularFile(images.resolve(tag + "-samples.png")) ? "images/" + tag + "-samples.png"
                : null;
        String recon = Files.isRegularFile(images.resolve(tag + "-reconstructions.png"))
                ? "images/" + tag + "-reconstructions.png" : null;
        return new JobResult(job.family(), job.seed(), JobResult.OK, null, relative(job), metrics, m.notes(),
                m.variants(), curve, samples, recon, (System.nanoTime() - e0) / 1e9, Instant.now().toString(), null);
    }

    /** The run folder of {@code job} relative to the comparison folder, as results record it. */
    String relative(Job job) {
        return folder.dir().relativize(folder.runFolder(job)).toString();
    }

    /**
     * The sample metrics of the run's checkpoints between the untrained start and step {@code end}
     * (exclusive: the end is measured with the final model). A point that fails is left out with a message.
     */
    private List<JobResult.CurvePoint> curve(Job job, FamilyRecipe recipe, long end) throws IOException {
        Path runDir = folder.runFolder(job);
        List<JobResult.CurvePoint> curve = new ArrayList<>();
        for (Path c : new CheckpointStore(runDir.resolve("checkpoints")).list()) {
            long step = CheckpointStore.stepOf(c);
            if (step == 0 || step >= end) {
                continue;
            }
            if (ctx.stopped()) {
                throw new IllegalStateException("stopped (Ctrl-C) before the checkpoint at step " + step);
            }
            try {
                RunEvaluation.Measured m = runEvaluation().samples(runDir, c, job.seed());
                curve.add(new JobResult.CurvePoint(step, Checkpoint.readHeader(c).path("elapsedSeconds").asDouble(),
                        m.metrics()));
            } catch (RuntimeException | OutOfMemoryError ex) { // a point of the curve failing does not fail the run
                listener.onMessage(recipe.name() + " seed " + job.seed() + ": curve point at step " + step
                        + " not measured: " + ex.getMessage());
            }
        }
        return curve;
    }

    /**
     * A run that failed in training, with the curve of the checkpoints it saved before (how good it was until
     * it failed; a GAN's discriminator can win after a good start). A failure to measure them leaves the curve
     * empty and is recorded as a note; Ctrl-C leaves the result as it was (to be measured later).
     */
    JobResult beforeFailure(Job job, FamilyRecipe recipe, JobResult failed) {
        if (!Files.isDirectory(folder.runFolder(job).resolve("checkpoints"))) {
            return failed;
        }
        listener.onProgress(1, job.label() + ": measuring the checkpoints before the failure");
        String note;
        List<JobResult.CurvePoint> curve = List.of();
        try {
            curve = curve(job, recipe, Long.MAX_VALUE);
            note = curve.size() + " checkpoint(s) measured";
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            if (ctx.stopped()) {
                return failed;
            }
            note = "not measured: " + e.getMessage();
            listener.onMessage(job.label() + ": checkpoints before the failure " + note);
        }
        return failed.withCurve(curve, note);
    }

    /**
     * {@code j} with its latent-space measurements ({@link LatentMeasures}), or with a note saying why they
     * failed (a failure does not fail the run).
     */
    JobResult withLatent(Job job, JobResult j) {
        listener.onProgress(1, job.label() + ": latent space");
        try {
            evaluator();
            LatentMeasures.Measured m = LatentMeasures.measure(folder.runFolder(job), net, ctx.data().heldOut(),
                    ctx.device(),
                    folder.imagesDir(), job.name(), job.seed());
            return j.withLatent(m.metrics(), m.encoding() + "; smoothness over " + Smoothness.DEFAULT_PAIRS
                    + " slerp paths between seeds, strip between held-out images 0 and 1", m.stripImage());
        } catch (RuntimeException | IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            listener.onMessage(job.label() + ": latent space not measured: " + msg);
            return j.withLatent(Map.of(), "not measured: " + msg, null);
        }
    }

    @Override
    public void close() {
        if (net != null) {
            net.close();
        }
    }
}
