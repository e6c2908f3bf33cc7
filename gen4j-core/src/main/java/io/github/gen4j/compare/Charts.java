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
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of the report, drawn by XChart and saved as PNG (atomically). */
final class Charts {

    /** One line: its name and points (NaN points are dropped). */
    record Series(String name, double[] x, double[] y) {}

    private Charts() {}

    /**
     * Writes a line chart to {@code png}; returns false (and writes nothing) when no series has a point.
     *
     * @param logY logarithmic y axis (only used when every value is positive)
     */
    static boolean line(Path png, String title, String xTitle, String yTitle, List<Series> series, boolean logY)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(560).height(340).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setMarkerSize(4);
        st.setYAxisDecimalPattern("#,##0.###");
        st.setXAxisDecimalPattern("#,##0.#");
        boolean any = false;
        boolean positive = true;
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
                    positive &= s.y()[i] > 0;
                }
            }
            var xs = chart.addSeries(s.name(), x, y);
            if (n > 30) {
                xs.setMarker(SeriesMarkers.NONE);
            }
            any = true;
        }
        if (!any) {
            return false;
        }
        chart.getStyler().setYAxisLogarithmic(logY && positive);
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes);
        return true;
    }
}
