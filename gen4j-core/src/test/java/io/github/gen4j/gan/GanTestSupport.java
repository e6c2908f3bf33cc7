package io.github.gen4j.gan;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.testing.TestImages;
import java.util.List;

/** Tiny GAN configs for fast tests (8x8 images). */
final class GanTestSupport {

    private GanTestSupport() {}

    static final ImageDataset DATA = TestImages.shapes(256, 1, 8, 1);
    static final ImageDataset HELD_OUT = TestImages.shapes(64, 1, 8, 2);

    /** 8x8 gray: G 4x4 (16) -> 8x8 (8); D 8 -> 4 -> 2 with widths 8, 16; Z = 8. */
    static GanConfig tiny(GanRecipe recipe, int classes) {
        return new GanConfig(1, 8, 8, List.of(16, 8), List.of(8, 16), classes, recipe);
    }

    /** Largest singular value of a (rows x cols) row-major matrix, from the Jacobi eigenvalues of A A^T. */
    static double largestSingularValue(float[] a, int rows, int cols) {
        double[][] s = new double[rows][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double v = 0;
                for (int k = 0; k < cols; k++) {
                    v += (double) a[i * cols + k] * a[j * cols + k];
                }
                s[i][j] = v;
            }
        }
        // cyclic Jacobi rotations until the off-diagonal part vanishes: exact to rounding
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < rows; p++) {
                for (int q = p + 1; q < rows; q++) {
                    off += s[p][q] * s[p][q];
                }
            }
            if (off < 1e-24) {
                break;
            }
            for (int p = 0; p < rows; p++) {
                for (int q = p + 1; q < rows; q++) {
                    if (Math.abs(s[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (s[q][q] - s[p][p]) / (2 * s[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < rows; k++) {
                        double skp = s[k][p];
                        double skq = s[k][q];
                        s[k][p] = c * skp - sn * skq;
                        s[k][q] = sn * skp + c * skq;
                    }
                    for (int k = 0; k < rows; k++) {
                        double spk = s[p][k];
                        double sqk = s[q][k];
                        s[p][k] = c * spk - sn * sqk;
                        s[q][k] = sn * spk + c * sqk;
                    }
                }
            }
        }
        double max = 0;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, s[i][i]);
        }
        return Math.sqrt(max);
    }
}
