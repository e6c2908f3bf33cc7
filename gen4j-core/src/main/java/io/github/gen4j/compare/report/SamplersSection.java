package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.MetricInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Families measured with several sampler settings (diffusion): quality and speed per setting. */
final class SamplersSection implements ReportSection {

    private static final List<String> COLUMNS = List.of("fid", "precision", "recall", "sample_ms_per_image");

    @Override
    public String id() {
        return "samplers";
    }

    @Override
    public String title() {
        return "Samplers";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        List<String> header = new ArrayList<>(List.of("family", "sampler"));
        COLUMNS.forEach(c -> header.add(MetricInfo.of(c).label()));
        Table t = new Table(header);
        for (String f : r.measuredFamilies()) {
            Set<String> names = new LinkedHashSet<>();
            r.runsOf(f).stream().filter(j -> j.ok() && j.variants() != null).forEach(j -> names.addAll(j.variants().keySet()));
            if (names.isEmpty()) {
                continue;
            }
            for (String v : names) {
                List<String> vr = new ArrayList<>(List.of(f, v));
                for (String c : COLUMNS) {
                    vr.add(MetricInfo.format(r.runsOf(f).stream().filter(j -> j.ok() && j.variants() != null
                            && j.variants().containsKey(v)).mapToDouble(j -> j.variants().get(v).getOrDefault(c,
                            Double.NaN)).filter(Double::isFinite).average().orElse(Double.NaN)));
                }
                t.rowOf(vr.toArray(String[]::new));
            }
        }
        if (t.isEmpty()) {
            String s = "No compared family was measured with more than one sampler.";
            return new Rendered(Html.p(s), s + "\n");
        }
        String note = r.settings().variantSamples() + " samples per sampler (fewer than the metrics table's "
                + r.settings().evalSamples() + ", so FIDs here are comparable with each other, not with the table),"
                + " the same held-out reference; means over seeds. \"default\" is the family's default sampler.";
        return new Rendered(Html.p(note) + t.html(), note + "\n\n" + t.markdown());
    }
}
