package io.github.gen4j.toy;

import io.github.gen4j.image.PngImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A scatter plot of 2D samples over a {@link ToyDistribution}, drawn with Java2D (no charting dependency
 * is needed for points, circles and a caption) and written as a PNG, atomically. Real points are light
 * grey, model samples blue; each mode gets a circle of radius 3 sigma, green when covered and red when
 * not (per {@link ModeCoverage}).
 */
public final class ScatterPlot {

    private static final Color REAL = new Color(170, 170, 170, 120);
    private static final Color SAMPLE = new Color(31, 94, 196, 110);
    private static final Color COVERED = new Color(20, 150, 60);
    private static final Color MISSED = new Color(210, 40, 40);

    private ScatterPlot() {}

    /**
     * Renders the plot.
     *
     * @param real data points (x0, y0, ...) or null
     * @param samples model samples (x0, y0, ...)
     * @param caption text drawn at the top (e.g. "hinge+SN step 400: 8/8 modes")
     * @param size width = height in pixels
     */
    public static BufferedImage render(ToyDistribution dist, float[] real, float[] samples, String caption, int size) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            double ext = dist.extent();
            double scale = size / (2 * ext); // pixels per unit; the square [-ext, ext]^2 fills the image
            g.setColor(new Color(235, 235, 235));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(0, size / 2.0, size, size / 2.0));
            g.draw(new Line2D.Double(size / 2.0, 0, size / 2.0, size));
            ModeCoverage cov = ModeCoverage.of(dist, samples);
            if (real != null) {
                points(g, real, ext, scale, size, REAL, 2.0);
            }
            points(g, samples, ext, scale, size, SAMPLE, 2.5);
            List<ToyDistribution.Mode> modes = dist.modes();
            double need = Math.max(1, ModeCoverage.MIN_FRACTION * (samples.length / 2.0) / modes.size());
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < modes.size(); i++) {
                ToyDistribution.Mode m = modes.get(i);
                double r = Math.max(3, 3 * m.std() * scale);
                g.setColor(cov.perMode()[i] >= need ? COVERED : MISSED);
                g.draw(new Ellipse2D.Double(px(m.x(), ext, scale) - r, py(m.y(), ext, scale, size) - r, 2 * r, 2 * r));
            }
            caption(g, caption + "  |  " + cov, size);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes the plot as a PNG (atomically). */
    public static void write(Path png, ToyDistribution dist, float[] real, float[] samples, String caption, int size)
            throws IOException {
        PngImages.write(png, render(dist, real, samples, caption, size));
    }

    private static void points(Graphics2D g, float[] xy, double ext, double scale, int size, Color c, double d) {
        g.setColor(c);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (!Float.isFinite(xy[i]) || !Float.isFinite(xy[i + 1])) {
                continue;
            }
            g.fill(new Ellipse2D.Double(px(xy[i], ext, scale) - d / 2, py(xy[i + 1], ext, scale, size) - d / 2, d, d));
        }
    }

    private static double px(double x, double ext, double scale) {
        return (x + ext) * scale;
    }

    private static double py(double y, double ext, double scale, int size) {
        return size - (y + ext) * scale; // y grows upward in the plot
    }

    /** The caption needs a font; on a machine without any, the plot is still written without it. */
    private static void caption(Graphics2D g, String text, int size) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, size / 40)));
            g.setColor(Color.DARK_GRAY);
            g.drawString(text, 8, 8 + g.getFontMetrics().getAscent());
        } catch (RuntimeException | InternalError e) {
            // no usable font (headless system without fontconfig fonts): skip the caption
        }
    }
}
