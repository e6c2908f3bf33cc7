package io.github.gen4j.compare;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run of a comparison (one family, one seed), saved as {@code compare-result.json} in
 * the run's folder once it is complete, so that {@code --resume} can skip it.
 *
 * @param family the family's name in the comparison (its recipe name: a family, or a variant such as gan-vaeinit)
 * @param seed the run's seed
 * @param status {@link #OK} or {@link #FAILED}
 * @param message why it failed (one line), or null
 * @param run the run folder, relative to the comparison folder
 * @param metrics every measured number of the final model (see {@link MetricInfo} for names)
 * @param notes what a number is when that needs saying (e.g. which likelihood bound)
 * @param variants metrics of the extra sampler settings (diffusion samplers), by setting name
 * @param curve sample metrics at checkpoints during training, in training order (the last is the end)
 * @param samplesImage the sample grid, relative to the comparison folder, or null
 * @param reconstructionsImage held-out images above their reconstructions, relative, or null
 * @param evalSeconds wall-clock seconds the measurements took
 * @param finished when the result was written (ISO-8601)
 * @param interpolationImage an interpolation strip between two held-out images, relative, or null (not
 *     measured yet, or the measurement failed: then {@code notes} has a "latent" entry)
 */
public record JobResult(String family, long seed, String status, String message, String run,
        Map<String, Double> metrics, Map<String, String> notes, Map<String, Map<String, Double>> variants,
        List<CurvePoint> curve, String samplesImage, String reconstructionsImage, double evalSeconds,
        String finished, String interpolationImage) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    /** Note key of the latent-space measurements. */
    public static final String LATENT_NOTE = "latent";

    /**
     * Sample metrics at one checkpoint.
     *
     * @param step the optimizer step
     * @param seconds training seconds at that step
     * @param metrics sample metrics (FID, ...)
     */
    public record CurvePoint(long step, double seconds, Map<String, Double> metrics) {}

    /** Whether the latent-space measurements were attempted (done, or failed with a note). */
    public boolean latentMeasured() {
        return metrics != null && metrics.containsKey("interp_path_ratio")
                || notes != null && notes.containsKey(LATENT_NOTE);
    }

    /** This result with the latent-space measurements added: extra metrics, a note, the strip (or null). */
    public JobResult withLatent(Map<String, Double> extra, String note, String strip) {
        Map<String, Double> m = new java.util.LinkedHashMap<>(metrics == null ? Map.of() : metrics);
        m.putAll(extra);
        return new JobResult(family, seed, status, message, run, m, notesWith(LATENT_NOTE, note), variants, curve,
                samplesImage, reconstructionsImage, evalSeconds, finished, strip);
    }

    /** Note of a failed run: how the checkpoints it saved before the failure were measured. */
    public static final String CURVE_NOTE = "curve_before_failure";

    /**
     * This failed result with {@code points} as its curve, the checkpoints it saved before the failure, and a
     * note saying how their measurement went (so a --resume does not try again).
     */
    public JobResult withCurve(List<CurvePoint> points, String note) {
        return new JobResult(family, seed, status, message, run, metrics, notesWith(CURVE_NOTE, note), variants,
                List.copyOf(points), samplesImage, reconstructionsImage, evalSeconds, finished, interpolationImage);
    }

    /** A copy of the notes with {@code key} set to {@code value}. */
    private Map<String, String> notesWith(String key, String value) {
        Map<String, String> n = new java.util.LinkedHashMap<>(notes == null ? Map.of() : notes);
        n.put(key, value);
        return n;
    }

    /** Whether the checkpoints before a failure were measured (or tried): the curve or its note. */
    public boolean curveAttempted() {
        return (curve != null && !curve.isEmpty()) || (notes != null && notes.containsKey(CURVE_NOTE));
    }

    /** How the message of a run that failed while being measured (its training had finished) starts. */
    public static final String MEASURING = "measuring: ";

    /** Failed in training (diverged, the discriminator won, ...), not while being measured afterwards. */
    public boolean failedInTraining() {
        return !ok() && (message == null || !message.startsWith(MEASURING));
    }

    /** Failed while being measured: its training had finished, a --resume measures it again. */
    public boolean failedInMeasuring() {
        return !ok() && !failedInTraining();
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /**
     * Summary key of {@link #bestFid}: derived from the curve, not stored with the metrics (so it also
     * covers runs measured before it existed).
     */
    public static final String FID_BEST = "fid_best";

    /**
     * The lowest FID over the run's checkpoints and its end: what keeping the best checkpoint would give (a
     * GAN can get worse with training); NaN without a curve.
     */
    public double bestFid() {
        return curve == null ? Double.NaN : curve.stream()
                .mapToDouble(p -> p.metrics().getOrDefault("fid", Double.NaN)).filter(Double::isFinite).min()
                .orElse(Double.NaN);
    }

    /** A metric, or NaN when it was not measured. */
    public double metric(String name) {
        Double v = metrics == null ? null : metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
