package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.JobResult;
import io.github.gen4j.compare.LatentMeasures;
import io.github.gen4j.compare.MetricInfo;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An interpolation strip per family (between the same two held-out images, each family in its own latent)
 * and the smoothness of each family's latent paths; the numbers are also rows of the metrics table.
 */
final class LatentSection implements ReportSection {

    @Override
    public String id() {
        return "latent";
    }

    @Override
    public String title() {
        return "Latent spaces";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        String intro = "Each family encodes held-out images 0 and 1 into its own latent (VAE: posterior mean; GAN and"
                + " VAE-GAN: latent recovery by optimization; flow: exact encoding; diffusion: DDIM inversion) and"
                + " decodes " + LatentMeasures.STRIP_STEPS + " frames along the spherical path between them; the"
                + " originals frame each strip. Smoothness is measured separately on "
                + io.github.gen4j.latent.Smoothness.DEFAULT_PAIRS + " paths between random latents: the path ratio is"
                + " the summed feature distance between consecutive frames over the endpoints' distance (1 = a"
                + " straight path, the smoothest), the step CV how uneven those steps are. Every seed's strip and an"
                + " animated GIF are in images/.";
        StringBuilder html = new StringBuilder(Html.p(intro)).append("<div class=\"grid\">\n");
        StringBuilder md = new StringBuilder(intro).append("\n\n");
        boolean any = false;
        for (String f : r.settings().families()) {
            JobResult j = r.runsOf(f).stream().filter(JobResult::ok).filter(x -> x.interpolationImage() != null)
                    .findFirst().orElse(null);
            if (j == null) {
                String why = r.runsOf(f).stream().filter(JobResult::ok).map(x -> x.notes() == null ? null
                        : x.notes().get(JobResult.LATENT_NOTE)).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(r.measuredFamilies().contains(f) ? "not measured yet (gen4j compare --resume adds it)"
                                : "no successful run");
                html.append("<figure><figcaption>").append(Html.esc(f + ": no strip (" + why + ")"))
                        .append("</figcaption></figure>\n");
                md.append("- ").append(f).append(": no strip (").append(why).append(")\n");
                continue;
            }
            any = true;
            String cap = String.format(Locale.ROOT, "%s (seed %d): end frames at %s dB PSNR against the originals; path ratio %s,"
                    + " step CV %s (means over seeds)", f, j.seed(), MetricInfo.format(j.metric("interp_end_psnr")),
                    MetricInfo.format(r.mean(f, "interp_path_ratio")), MetricInfo.format(r.mean(f, "interp_step_cv")));
            html.append("<figure style=\"flex-basis:100%\"><img src=\"").append(Html.esc(j.interpolationImage()))
                    .append("\" alt=\"").append(Html.esc(cap)).append("\"><figcaption style=\"max-width:none\">")
                    .append(Html.esc(cap)).append("</figcaption></figure>\n");
            md.append("![").append(cap).append("](").append(j.interpolationImage()).append(")\n\n");
        }
        html.append("</div>\n");
        if (!any) {
            html.append(Html.p("No family's latent space was measured in this comparison."));
        }
        return new Rendered(html.toString(), md.toString());
    }
}
