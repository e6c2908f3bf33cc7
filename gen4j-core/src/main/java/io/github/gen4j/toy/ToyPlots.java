package io.github.gen4j.toy;

import io.github.gen4j.image.PngImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The toy section's charts, drawn with XChart and written as PNGs (atomically, through
 * {@link PngImages}): a scatter plot of a model's samples over held-out data, with the modes of a
 * mixture circled at 3 sigma (green when covered per {@link ToyModeCoverage}, red when missed), and a heat
 * map of a model's density on a {@link DensityGrid}.
 */
public final class ToyPlots {

    private static final Color DATA = new Color(110, 110, 110, 140);
    private static final Color SAMPLES = new Color(31, 94, 196, 150);
    private static final Color COVERED = new Color(20, 150, 60);
    private static final Color MISSED = new Color(210, 40, 40);
    /** A perceptually ordered ramp (viridis' end points and three stops between), low to high density. */
    private static final Color[] RAMP = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private ToyPlots() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * The scatter chart: {@code samples} (blue) over {@code data} (grey, may be null) on the square
     * [-extent, extent]^2 of {@code dist}; modes circled when {@code dist} has any.
     *
     * @param title chart title (e.g. "gan on ring8, step 2000")
     */
    public static XYChart scatterChart(ToyDistribution dist, float[] data, float[] samples, String title, int width,
            int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("x")
                .yAxisTitle("y").build();
        double ext = dist.extent();
        chart.getStyler().setXAxisMin(-ext).setXAxisMax(ext).setYAxisMin(-ext).setYAxisMax(ext);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(Math.max(3, width / 120)).setChartTitleFont(
                chart.getStyler().getChartTitleFont().deriveFont((float) Math.max(10, width / 40)));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW).setChartBackgroundColor(Color.WHITE);
        if (data != null) {
            points(chart, "data", data, DATA);
        }
        points(chart, "samples", samples, SAMPLES);
        List<ToyDistribution.Mode> modes = dist.modes();
        if (!modes.isEmpty() && samples.length > 0) {
            ToyModeCoverage cov = ToyModeCoverage.of(dist, samples);
            for (int i = 0; i < modes.size(); i++) {
                circle(chart, "mode " + i, modes.get(i), cov.isCovered(i) ? COVERED : MISSED);
            }
        }
        return chart;
    }

    /** Renders {@link #scatterChart} and writes it as a PNG. */
    public static void writeScatter(Path png, ToyDistribution dist, float[] data, float[] samples, String title,
            int width, int height) throws IOException {
        PngImages.write(png, BitmapEncoder.getBufferedImage(scatterChart(dist, data, samples, title, width, height)));
    }

    /**
     * The heat map of p(x) = exp(log-density) on the grid's cells (x to the right, y up). Axis ticks are
     * hidden (one category per cell); the title gives the square's extent.
     */
    public static HeatMapChart densityChart(DensityGrid grid, String title, int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "%s  [-%.1f, %.1f]^2", title, grid.extent(), grid.extent()))
                .build();
        HeatMapStyler st = chart.getStyler();
        st.setAxisTicksVisible(false);
        st.setPlotContentSize(1.0);
        st.setDrawBorder(false);
        st.setRangeColors(RAMP);
        st.setHeatMapValueDecimalPattern("0.00");
        st.setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.2f", v));
        st.setPlotGridLinesVisible(false);
        st.setPlotBorderVisible(false);
        st.setAntiAlias(false); // anti-aliased cell edges leave white seams between cells
        st.setLegendFont(st.getLegendFont().deriveFont((float) Math.max(9, width / 45)));
        st.setChartBackgroundColor(Color.WHITE);
        st.setChartTitleFont(st.getChartTitleFont().deriveFont((float) Math.max(10, width / 40)));
        int n = grid.size();
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i);
            ys.add(i);
        }
        List<Number[]> cells = new ArrayList<>(n * n);
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double p = Math.exp(grid.logDensity()[i * n + j]);
                p = Double.isFinite(p) ? p : 0;
                max = Math.max(max, p);
                cells.add(new Number[] {j, i, p});
            }
        }
        chart.getStyler().setMin(0).setMax(max > 0 ? roundUp(max) : 1);
        chart.addSeries("p(x)", xs, ys, cells);
        return chart;
    }

    /** v rounded up to two significant digits (the legend prints the maximum as it is). */
    static double roundUp(double v) {
        return new BigDecimal(v).round(new MathContext(2, RoundingMode.UP)).doubleValue(); // 1.6804 -> 1.7
    }

    /** Renders {@link #densityChart} and writes it as a PNG. */
    public static void writeDensity(Path png, DensityGrid grid, String title, int width, int height)
            throws IOException {
        PngImages.write(png, BitmapEncoder.getBufferedImage(densityChart(grid, title, width, height)));
    }

    /** The finite points of {@code xy} as a scatter series (XChart cannot place NaN or infinite points). */
    private static void points(XYChart chart, String name, float[] xy, Color c) {
        int n = 0;
        double[] x = new double[xy.length / 2];
        double[] y = new double[xy.length / 2];
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                x[n] = xy[i];
                y[n] = xy[i + 1];
                n++;
            }
        }
        if (n == 0) {
            return; // XChart rejects an empty series
        }
        XYSeries s = chart.addSeries(name + " (" + n + ")", java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c);
    }

    /** A circle of radius 3 sigma around a mode, as a closed line without markers. */
    private static void circle(XYChart chart, String name, ToyDistribution.Mode m, Color c) {
        int k = 48;
        double[] x = new double[k + 1];
        double[] y = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            double a = 2 * Math.PI * i / k;
            x[i] = m.x() + ToyModeCoverage.RADIUS_SIGMAS * m.std() * Math.cos(a);
            y[i] = m.y() + ToyModeCoverage.RADIUS_SIGMAS * m.std() * Math.sin(a);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(c)
                .setLineWidth(1f).setShowInLegend(false);
    }
}
