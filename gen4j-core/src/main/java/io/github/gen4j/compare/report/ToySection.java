package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.compare.MetricInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 2D toy section: each family's small MLP version on 8 Gaussians on a ring and on two moons, its samples
 * over held-out points and its density where it has one (the gallery), and a table of energy distance,
 * modes covered and held-out log-likelihood: mode collapse, blur and likelihood at a glance.
 */
final class ToySection implements ReportSection {

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public String title() {
        return "2D toys";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        Map<String, Object> toy = r.toy();
        if (toy == null || !(toy.get("results") instanceof List<?> results)) {
            String s = "No 2D toy section: " + (toy == null ? "not measured" : String.valueOf(toy.get("note"))) + ".";
            return new Rendered(Html.p(s), s + "\n");
        }
        String intro = String.format(java.util.Locale.ROOT, "Each family's MLP version trained %s steps (seed %s, GAN"
                + " preset %s) on 8 Gaussians on a ring and on two moons. Rows: families; per distribution, the left"
                + " plot shows %s samples (colour) over held-out points (grey), the right one the family's own density"
                + " where it has one (VAE: importance-weighted bound; flow: exact). Dropped modes, samples smeared between"
                + " modes and density bridging them show at a glance.",
                toy.get("steps"), toy.get("seed"), toy.get("gan_preset"), toy.get("samples"));
        String gallery = ComparisonFolder.TOY_DIR + "/gallery.png";
        StringBuilder html = new StringBuilder(Html.p(intro));
        StringBuilder md = new StringBuilder(intro).append("\n\n");
        if (Files.isRegularFile(dir.resolve(gallery))) {
            html.append("<figure><img src=\"").append(gallery).append("\" alt=\"2D toy gallery\" style=\""
                    + "image-rendering:auto\"></figure>\n");
            md.append("![2D toy gallery](").append(gallery).append(")\n\n");
        }
        Table t = new Table(List.of("family", "distribution", "energy distance (data floor)", "modes covered",
                "high-quality samples", "held-out log p (nats/point)", "KDE log-lik of held-out (data)"));
        for (Object o : results) {
            if (!(o instanceof Map<?, ?> e)) {
                continue;
            }
            Map<?, ?> m = e.get("metrics") instanceof Map<?, ?> mm ? mm : Map.of();
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(e.get("family")));
            row.add(String.valueOf(e.get("distribution")));
            row.add(num(m, "energy_distance") + " (" + num(m, "energy_distance_data") + ")");
            row.add(m.containsKey("modes_covered") ? num(m, "modes_covered") + " / " + num(m, "modes") : "—");
            row.add(m.containsKey("high_quality") ? num(m, "high_quality") : "—");
            row.add(m.containsKey("heldout_loglik") ? num(m, "heldout_loglik") : e.get("diverged") != null
                    ? "diverged: " + e.get("diverged") : "no density");
            row.add(num(m, "kde_loglik") + " (" + num(m, "kde_loglik_data") + ")");
            t.rowOf(row.toArray(String[]::new));
        }
        String note = "Energy distance between samples and held-out points (0 = the same distribution; the data floor is"
                + " two independent data sets of the same sizes). High-quality samples: the share within 3 standard"
                + " deviations of a ring mode's centre; a mode is covered when it holds at least a tenth of its fair"
                + " share of them (the toy-GAN literature's rule). Every number is in "
                + ComparisonFolder.TOY_DIR + "/metrics.json, every plot in " + ComparisonFolder.TOY_DIR + "/.";
        html.append(t.html()).append(Html.p(note));
        md.append(t.markdown()).append(note).append('\n');
        return new Rendered(html.toString(), md.toString());
    }

    private static String num(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? MetricInfo.format(n.doubleValue()) : "n/a";
    }
}
