package io.github.gen4j.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.train.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training curves: each family's training loss over training time (from its runs' metrics.jsonl), FID and
 * recall (diversity) over training time from the comparison's checkpoints, and the GAN's logged diversity
 * signal where a run logs one.
 */
final class CurvesSection implements ReportSection {

    private static final List<String> LOSS_KEYS = List.of("loss", "loss_d", "loss_g");

    @Override
    public String id() {
        return "curves";
    }

    @Override
    public String title() {
        return "Training curves";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) throws IOException {
        List<String[]> figures = new ArrayList<>(); // {relative path, caption}
        for (String f : r.settings().families()) {
            List<Charts.Series> loss = new ArrayList<>();
            List<Charts.Series> diversity = new ArrayList<>();
            for (JobResult j : r.runsOf(f)) {
                Path log = dir.resolve(j.run()).resolve("metrics.jsonl");
                if (!Files.isRegularFile(log)) {
                    continue;
                }
                List<JsonNode> recs = MetricsLog.read(log);
                for (String key : LOSS_KEYS) {
                    Charts.Series s = series(recs, "train", key, key + " seed " + j.seed());
                    if (s != null) {
                        loss.add(s);
                    }
                }
                Charts.Series d = series(recs, "eval", "diversity_ratio", "seed " + j.seed());
                if (d != null) {
                    diversity.add(d);
                }
            }
            String file = "charts/loss-" + f + ".png";
            if (Charts.line(dir.resolve(file), f + ": training loss", "training seconds", "loss", loss)) {
                figures.add(new String[] {file, f + ": training loss over training time (every logged window)"});
            }
            String dfile = "charts/diversity-" + f + ".png";
            if (Charts.line(dir.resolve(dfile), f + ": sample diversity / data diversity", "training seconds",
                    "diversity ratio", diversity)) {
                figures.add(new String[] {dfile, f + ": mean pairwise distance of samples / of held-out images, logged "
                        + "during training (< 1: less diverse than the data; near 0: collapse)"});
            }
        }
        for (String[] metric : new String[][] {{"fid", "FID (lower is better)"}, {"recall", "recall (diversity)"}}) {
            List<Charts.Series> s = new ArrayList<>();
            for (JobResult j : r.runs()) {
                if (j.curve() != null && !j.curve().isEmpty()) { // a failed run: its checkpoints before the failure
                    double[] x = j.curve().stream().mapToDouble(JobResult.CurvePoint::seconds).toArray();
                    double[] y = j.curve().stream().mapToDouble(p -> p.metrics().getOrDefault(metric[0], Double.NaN))
                            .toArray();
                    s.add(new Charts.Series(j.family() + " seed " + j.seed() + (j.ok() ? "" : " (failed)"), x, y,
                            j.family(), !j.ok()));
                }
            }
            String file = "charts/" + metric[0] + "-over-time.png";
            if (Charts.line(dir.resolve(file), metric[1] + " over training", "training seconds", metric[0], s)) {
                figures.add(new String[] {file, metric[1] + " of " + r.settings().evalSamples() + " samples at "
                        + r.settings().curvePoints() + " checkpoints of every run, against held-out images; one"
                        + " colour per family, one line per seed, dashed: a failed run's checkpoints before it failed"});
            }
        }
        StringBuilder html = new StringBuilder("<div class=\"grid\">\n");
        StringBuilder md = new StringBuilder();
        for (String[] fig : figures) {
            html.append(Html.figure(fig[0], fig[1]));
            md.append("![").append(fig[1]).append("](").append(fig[0]).append(")\n\n");
        }
        html.append("</div>\n");
        if (figures.isEmpty()) {
            html.append(Html.p("No run has logged a curve yet."));
            md.append("No run has logged a curve yet.\n");
        }
        return new Rendered(html.toString(), md.toString());
    }

    /** x = training seconds, y = {@code key} of the records of {@code kind}; null if none has it. */
    private static Charts.Series series(List<JsonNode> recs, String kind, String key, String name) {
        List<double[]> pts = new ArrayList<>();
        double lastTime = 0;
        for (JsonNode n : recs) {
            if (n.path("kind").asText().equals("train") && n.has("time")) {
                lastTime = n.path("time").asDouble();
            }
            if (n.path("kind").asText().equals(kind) && n.path(key).isNumber()) {
                pts.add(new double[] {kind.equals("train") ? n.path("time").asDouble() : lastTime, n.path(key).asDouble()});
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        return new Charts.Series(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray());
    }
}
