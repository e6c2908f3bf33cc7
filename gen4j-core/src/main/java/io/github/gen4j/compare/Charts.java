package io.github.gen4j.compare;

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

    /** Writes a line chart (linear axes) to {@code png}; returns false (and writes nothing) when no series has a point. */
    static boolean line(Path png, String title, String xTitle, String yTitle, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        long entries = series.stream().map(x -> x.group() != null ? x.group() : "\0" + x.name()).distinct().count();
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
        boolean any = false;
        java.util.Map<String, java.awt.Color> groupColor = new java.util.HashMap<>();
        java.awt.Color[] palette = st.getSeriesColors();
        for (Series s : series) {
            int n = 0;
            for (int i = 0; i < s.x().length; i++) {
                n += Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) ? 1 : 0;
            }
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            int k = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    x[k] = s.x()[i];
                    y[k++] = s.y()[i];
                }
            }
            boolean first = s.group() != null && !groupColor.containsKey(s.group());
            var xs = chart.addSeries(first ? s.group() : s.name(), x, y);
            if (n > 30) {
                xs.setMarker(SeriesMarkers.NONE);
            }
            if (s.group() != null) {
                java.awt.Color c = groupColor.computeIfAbsent(s.group(), g -> palette[groupColor.size() % palette.length]);
                xs.setLineColor(c);
                xs.setMarkerColor(c);
                xs.setShowInLegend(first);
                xs.setLineStyle(SeriesLines.SOLID); // the theme would cycle line styles per series
            }
            if (s.dashed()) {
                xs.setLineStyle(SeriesLines.DASH_DASH);
            }
            any = true;
        }
        if (!any) {
            return false;
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes);
        return true;
    }
}
