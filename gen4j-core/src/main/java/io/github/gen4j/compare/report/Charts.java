package io.github.gen4j.compare.report;

import io.github.gen4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of the report, drawn by XChart and saved as PNG (atomically). */
final class Charts {

    /**
     * One line: its name and points (NaN points are dropped). Lines of one {@code group} (e.g. the seeds of a
     * family) share a colour and one legend entry, the group's name; a {@code dashed} line is drawn dashed.
     */
    record Series(String name, double[] x, double[] y, String group, boolean dashed) {

        Series(String name, double[] x, double[] y) {
            this(name, x, y, null, false);
        }
    }

    private Charts() {}

    /**
     * Writes a line chart (linear axes) to {@code png}; returns false (and writes nothing) when no series has
     * a point. A group's colour follows the order of its first series in {@code series}, whether or not that
     * one has points, so charts drawn from the same runs colour each group alike; its legend entry is its
     * first solid line with points (a dashed one only if it has no solid line).
     */
    static boolean line(Path png, String title, String xTitle, String yTitle, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Series> drawn = series.stream().map(Charts::finitePoints).filter(s -> s.x().length > 0).toList();
        if (drawn.isEmpty()) {
            return false;
        }
        java.util.Map<String, Integer> groupIndex = new java.util.LinkedHashMap<>();
        series.stream().map(Series::group).filter(java.util.Objects::nonNull)
                .forEach(g -> groupIndex.putIfAbsent(g, groupIndex.size()));
        java.util.Map<String, Series> legendOf = new java.util.HashMap<>();
        drawn.stream().filter(s -> s.group() != null && !s.dashed()).forEach(s -> legendOf.putIfAbsent(s.group(), s));
        drawn.stream().filter(s -> s.group() != null).forEach(s -> legendOf.putIfAbsent(s.group(), s));
        long entries = drawn.stream().filter(s -> s.group() == null || legendOf.get(s.group()) == s).count();
        // the legend sits below the plot: each entry past the fourth makes the chart taller, not the plot smaller
        int height = 340 + 18 * (int) Math.max(0, entries - 4);
        XYChart chart = new XYChartBuilder().width(560).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setMarkerSize(4);
        st.setYAxisDecimalPattern("#,##0.###");
        st.setXAxisDecimalPattern("#,##0.#");
        java.awt.Color[] palette = st.getSeriesColors();
        for (Series s : drawn) {
            boolean legend = s.group() != null && legendOf.get(s.group()) == s;
            var xs = chart.addSeries(legend ? s.group() : s.name(), s.x(), s.y());
            if (s.x().length > 30) {
                xs.setMarker(SeriesMarkers.NONE);
            }
            if (s.group() != null) {
                java.awt.Color c = palette[groupIndex.get(s.group()) % palette.length];
                xs.setLineColor(c);
                xs.setMarkerColor(c);
                xs.setShowInLegend(legend);
                xs.setLineStyle(SeriesLines.SOLID); // the theme would cycle line styles per series
            }
            if (s.dashed()) {
                xs.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes);
        return true;
    }

    /** {@code s} with only its points whose x and y are both finite. */
    private static Series finitePoints(Series s) {
        int[] keep = java.util.stream.IntStream.range(0, s.x().length)
                .filter(i -> Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])).toArray();
        double[] x = new double[keep.length];
        double[] y = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            x[k] = s.x()[keep[k]];
            y[k] = s.y()[keep[k]];
        }
        return new Series(s.name(), x, y, s.group(), s.dashed());
    }
}
