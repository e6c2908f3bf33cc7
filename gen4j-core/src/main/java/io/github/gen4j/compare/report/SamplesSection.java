package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.compare.MetricInfo;
import java.nio.file.Path;
import java.util.Locale;

/** Sample grids of every family side by side, then held-out images above their reconstructions. */
final class SamplesSection implements ReportSection {

    @Override
    public String id() {
        return "samples";
    }

    @Override
    public String title() {
        return "Samples and reconstructions";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        StringBuilder html = new StringBuilder(Html.p("Samples of each family's first successful seed (the first 64 of"
                + " the samples the metrics were computed on; every seed's grid is in images/)."));
        StringBuilder md = new StringBuilder();
        html.append("<div class=\"grid\">\n");
        StringBuilder recHtml = new StringBuilder();
        StringBuilder recMd = new StringBuilder();
        for (String f : r.settings().families()) {
            JobResult j = r.runsOf(f).stream().filter(JobResult::ok).findFirst().orElse(null);
            if (j == null) {
                String why = r.runsOf(f).isEmpty() ? "not run yet" : "failed: " + r.runsOf(f).get(0).message();
                html.append("<figure><figcaption>").append(Html.esc(f + ": no samples (" + why + ")"))
                        .append("</figcaption></figure>\n");
                md.append("- ").append(f).append(": no samples (").append(why).append(")\n");
                continue;
            }
            String cap = String.format(Locale.ROOT, "%s (seed %d): FID %s", f, j.seed(), MetricInfo.format(j.metric("fid")));
            if (j.samplesImage() != null) {
                html.append(Html.figure(j.samplesImage(), cap));
                md.append("![").append(cap).append("](").append(j.samplesImage()).append(")\n");
            }
            if (j.reconstructionsImage() != null) {
                String rc = String.format(Locale.ROOT, "%s (seed %d): held-out images (odd rows) above their "
                        + "reconstructions; PSNR %s dB", f, j.seed(), MetricInfo.format(j.metric("recon_psnr")));
                recHtml.append(Html.figure(j.reconstructionsImage(), rc));
                recMd.append("![").append(rc).append("](").append(j.reconstructionsImage()).append(")\n");
            }
        }
        html.append("</div>\n<h3>Reconstructions (families with an encoder)</h3>\n");
        if (recHtml.isEmpty()) {
            html.append(Html.p("No compared family has an encoder (reconstructions are defined for VAEs and flows)."));
            recMd.append("No compared family has an encoder.\n");
        } else {
            html.append("<div class=\"grid\">\n").append(recHtml).append("</div>\n");
        }
        return new Rendered(html.toString(), md + "\n### Reconstructions\n\n" + recMd);
    }
}
