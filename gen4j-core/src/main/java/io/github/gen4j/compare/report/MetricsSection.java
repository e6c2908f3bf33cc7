package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.compare.MetricInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one metrics table: a row per metric, a column per family, mean ± standard deviation over the seeds
 * that finished (n in brackets when several), the best mean of each row marked.
 */
public final class MetricsSection implements ReportSection {

    @Override
    public String id() {
        return "metrics";
    }

    @Override
    public String title() {
        return "Metrics";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        List<String> fams = r.settings().families();
        List<String> header = new ArrayList<>();
        header.add("metric");
        fams.forEach(header::add);
        header.add("meaning");
        Table t = new Table(header);
        List<Table.Cell> runs = new ArrayList<>();
        runs.add(Table.Cell.of("runs ok / failed"));
        for (String f : fams) {
            long ok = r.runsOf(f).stream().filter(JobResult::ok).count();
            runs.add(new Table.Cell(ok + " / " + r.failures(f), false, r.failures(f) > 0 ? "failed" : null));
        }
        runs.add(Table.Cell.of("failed = diverged or threw; see the overview"));
        t.row(runs);
        for (MetricInfo m : MetricInfo.TABLE) {
            if (fams.stream().noneMatch(f -> r.stat(f, m.key()) != null)) {
                continue;
            }
            String best = bestFamily(r, m);
            List<Table.Cell> row = new ArrayList<>();
            row.add(Table.Cell.of(m.label()));
            for (String f : fams) {
                CompareResults.Stat s = r.stat(f, m.key());
                String text = s == null ? (r.measuredFamilies().contains(f) ? "not defined" : "—") : format(s);
                row.add(new Table.Cell(text, f.equals(best), null));
            }
            row.add(Table.Cell.of(m.meaning() + bestRule(m)));
            t.row(row);
        }
        String note = "Mean ± standard deviation over seeds (n = number of seeds when more than one); \u2605 marks the"
                + " best mean of each row among the model families that have the metric (recipe variants such as"
                + " gan-vaeinit are not ranked: a collapsed model can top a row such as the latent path ratio)."
                + " \"not defined\": the family has no"
                + " such quantity (e.g. no likelihood for a GAN); \u2014: no successful run.";
        return new Rendered(t.html() + Html.p(note), t.markdown() + note + "\n");
    }

    /** The model family with the best mean of {@code m}, or null (fewer than two families, or a tie). */
    public static String bestFamily(CompareResults r, MetricInfo m) {
        if (m.best() == MetricInfo.Best.NONE) {
            return null;
        }
        String best = null;
        double bv = Double.NaN;
        int count = 0;
        boolean tie = false;
        for (String f : r.measuredModelFamilies()) {
            double v = r.mean(f, m.key());
            if (!Double.isFinite(v) || (m.best() == MetricInfo.Best.CLOSEST_TO_ONE && v <= 0)) {
                continue;
            }
            count++;
            if (best == null || m.best().better(v, bv)) {
                best = f;
                bv = v;
                tie = false;
            } else if (!m.best().better(bv, v)) {
                tie = true;
            }
        }
        return count >= 2 && !tie ? best : null;
    }

    private static String bestRule(MetricInfo m) {
        return switch (m.best()) {
            case LOWER -> " (lower is better)";
            case HIGHER -> " (higher is better)";
            case CLOSEST_TO_ONE -> " (closest to 1 is best)";
            case NONE -> "";
        };
    }

    static String format(CompareResults.Stat s) {
        if (s.n() <= 1) {
            return MetricInfo.format(s.mean());
        }
        return MetricInfo.format(s.mean()) + " ± " + MetricInfo.format(s.std()) + String.format(Locale.ROOT, " (n=%d)",
                s.n());
    }
}
