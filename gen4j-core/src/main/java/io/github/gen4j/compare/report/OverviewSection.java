package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.CompareSettings;
import io.github.gen4j.compare.Claims;
import io.github.gen4j.compare.JobResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What was compared, on which data, under which budget, evaluated against what; every run's status. */
final class OverviewSection implements ReportSection {

    @Override
    public String id() {
        return "overview";
    }

    @Override
    public String title() {
        return "What was compared";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        CompareSettings s = r.settings();
        Map<String, Object> d = r.data();
        List<String> facts = new ArrayList<>();
        facts.add("Data: " + String.valueOf(d.get("note")).replaceFirst("^data: ", ""));
        facts.add(String.format(Locale.ROOT, "Trained on %,d images; every metric is computed against %,d held-out "
                + "images that no model was trained on%s.", num(d.get("trainImages")), num(d.get("heldOutImages")),
                "embedded".equals(d.get("spec")) ? " (the embedded Fashion-MNIST test split: its first 9,000 images are"
                        + " trained on, its last 1,000 are held out)" : ""));
        String budget = (s.budgetSeconds() > 0 ? fmtSeconds(s.budgetSeconds()) + " of training time" : "")
                + (s.budgetSeconds() > 0 && s.steps() > 0 ? " or " : "") + (s.steps() > 0 ? s.steps() + " steps" : "");
        facts.add("Budget per run: " + budget + " (whichever ends first), batch " + s.batchSize() + ", "
                + s.scale().name().toLowerCase(Locale.ROOT) + " model sizes; each family trains through the same code "
                + "as `gen4j train FAMILY` with that command's defaults.");
        if (s.families().contains(Claims.WARM)
                || s.families().contains(Claims.COLD)) {
            facts.add("gan-vaeinit: the GAN with its generator started as the decoder of the vae run of the same seed"
                    + " (Ham et al. 2020); gan-vaearch: the same generator architecture from random weights (the"
                    + " cold-start control). Their budget is the GAN's alone; the VAE's training time comes on top.");
        }
        List<String> seeds = new ArrayList<>();
        s.families().forEach(f -> seeds.add(f + " " + s.seeds().get(f)));
        facts.add("Seeds per family: " + String.join(", ", seeds) + " (from seed " + s.baseSeed() + ").");
        Object net = r.evaluation().get("featureNetwork");
        facts.add("Sample metrics: " + s.evalSamples() + " samples per run against " + r.evaluation().getOrDefault(
                "reference", "held-out images") + "; feature network " + describe(net) + ".");
        facts.add("Likelihoods: " + s.likelihoodImages() + " held-out images, " + s.likelihoodSamples()
                + " importance samples (VAE, flow) or timesteps (diffusion) per image.");
        facts.add("Curves: sample metrics at " + s.curvePoints() + " points of training (equal fractions of the budget).");
        Table t = new Table(List.of("run", "status", "details"));
        for (JobResult j : r.runs()) {
            t.row(List.of(Table.Cell.of(j.family() + " seed " + j.seed()),
                    new Table.Cell(j.status(), false, j.ok() ? null : "failed"),
                    Table.Cell.of(j.ok() ? String.format(Locale.ROOT, "%s: %,.0f steps in %.0f s, measured in %.0f s",
                            j.run(), j.metric("steps"), j.metric("train_seconds"), j.evalSeconds()) : j.message())));
        }
        r.pending().forEach(p -> t.row(List.of(Table.Cell.of(p), new Table.Cell("not run yet", false, "unmeasured"),
                Table.Cell.of("interrupted: continue with --resume"))));
        StringBuilder md = new StringBuilder();
        facts.forEach(f -> md.append("- ").append(f).append('\n'));
        md.append('\n').append(t.markdown());
        return new Rendered(Html.list(facts) + t.html(), md.toString());
    }

    private static String describe(Object net) {
        if (!(net instanceof Map<?, ?> m)) {
            return "(none: no run was measured)";
        }
        String s = m.get("name") + " (" + m.get("source");
        if (m.get("testAccuracy") instanceof Number a) {
            s += String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * a.doubleValue());
        }
        return s + ")";
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    static String fmtSeconds(double s) {
        if (s >= 3600 && s % 3600 == 0) {
            return (long) (s / 3600) + " h";
        }
        if (s >= 60 && s % 60 == 0) {
            return (long) (s / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }
}
