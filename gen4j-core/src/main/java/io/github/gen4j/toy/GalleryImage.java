package io.github.gen4j.toy;

import io.github.gen4j.image.PngImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The gallery: the toy plots already written, tiled into one PNG (rows: families; per distribution two
 * columns, samples then density). A family without a density gets a white tile stating why.
 */
final class GalleryImage {

    private GalleryImage() {}

    static void write(Path png, List<ToyGallery.Entry> entries, List<ToyDistribution> dists, int tile)
            throws IOException {
        List<String> families = entries.stream().map(ToyGallery.Entry::family).distinct().toList();
        int cols = 2 * dists.size();
        BufferedImage out = new BufferedImage(cols * tile, families.size() * tile, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (ToyGallery.Entry e : entries) {
                int row = families.indexOf(e.family());
                int col = 2 * indexOf(dists, e.distribution());
                draw(g, e.scatterPng(), col * tile, row * tile, tile);
                if (e.densityPng() != null) {
                    draw(g, e.densityPng(), (col + 1) * tile, row * tile, tile);
                } else {
                    note(g, e.family() + " on " + e.distribution() + ": no density", (col + 1) * tile, row * tile, tile);
                }
            }
        } finally {
            g.dispose();
        }
        PngImages.write(png, out);
    }

    private static int indexOf(List<ToyDistribution> dists, String name) {
        for (int i = 0; i < dists.size(); i++) {
            if (ToyDistribution.cliName(dists.get(i)).equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no distribution " + name);
    }

    private static void draw(Graphics2D g, Path png, int x, int y, int tile) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new IOException(png + ": not a readable PNG");
        }
        g.drawImage(img, x, y, tile, tile, null);
    }

    private static void note(Graphics2D g, String text, int x, int y, int tile) {
        g.setColor(new Color(245, 245, 245));
        g.fillRect(x + 4, y + 4, tile - 8, tile - 8);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, tile / 22)));
        g.drawString(text, x + 12, y + tile / 2);
    }
}
