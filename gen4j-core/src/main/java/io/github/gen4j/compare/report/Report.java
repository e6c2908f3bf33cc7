package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code report.html} (one self-contained page: inline CSS, images as files next to it, no scripts,
 * no server) and {@code summary.md} (the same sections in markdown) from a comparison's results. The
 * report is a list of {@link ReportSection}s; each renders itself in both formats.
 */
public final class Report {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1200px;margin:2em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:1em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
            thead th{background:#f0f0f0}td.best{background:#e3f4e1;font-weight:bold}
            td.holds{color:#1a6b1a;font-weight:bold}td.fails{color:#a11;font-weight:bold}\
            td.partly{color:#a60;font-weight:bold}td.unmeasured{color:#777}td.failed{color:#a11}
            .grid{display:flex;flex-wrap:wrap;gap:1.2em}figure{margin:0}figcaption{font-size:.85em;color:#555;\
            max-width:300px}
            figure img{image-rendering:pixelated;max-width:100%}nav a{margin-right:1em}code{background:#f4f4f4;\
            padding:0 .2em}
            """;

    private final List<ReportSection> sections;

    public Report(List<ReportSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The sections of the standard report, in order. */
    public static List<ReportSection> defaultSections() {
        return List.of(new OverviewSection(), new SamplesSection(), new CurvesSection(), new MetricsSection(),
                new SamplersSection(), new LatentSection(), new ToySection(), new ClaimsSection(),
                new DecisionsSection());
    }

    /** Renders every section and writes report.html and summary.md into {@code dir}, atomically. */
    public void write(Path dir, CompareResults results) throws IOException {
        StringBuilder html = new StringBuilder();
        StringBuilder md = new StringBuilder();
        String title = "gen4j compare: " + String.join(", ", results.settings().families());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(Html.esc(title)).append("</h1>\n<nav>");
        md.append("# ").append(title).append("\n\n");
        for (ReportSection s : sections) {
            html.append("<a href=\"#").append(s.id()).append("\">").append(Html.esc(s.title())).append("</a>");
        }
        html.append("</nav>\n");
        for (ReportSection s : sections) {
            ReportSection.Rendered r = s.render(dir, results);
            html.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(Html.esc(s.title()))
                    .append("</h2>\n").append(r.html()).append("</section>\n");
            md.append("## ").append(s.title()).append("\n\n").append(r.markdown()).append('\n');
        }
        html.append("<footer><p>gen4j ").append(Html.esc(results.gen4jVersion()))
                .append(": every number above is in results.json next to this page.</p></footer>\n</body>\n</html>\n");
        AtomicFiles.write(dir.resolve("report.html"), html.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("summary.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }
}
