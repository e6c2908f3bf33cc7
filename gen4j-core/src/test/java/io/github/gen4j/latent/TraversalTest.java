package io.github.gen4j.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TraversalTest {

    @Test
    void eachRowChangesOnlyItsCoordinate() {
        float[] base = {0.5f, -1f, 2f, 0.25f};
        int[] dims = {2, 0};
        double[] values = Traversal.values(3, 5);
        assertArrayEquals(new double[] {-3, -1.5, 0, 1.5, 3}, values, 1e-12);
        float[] z = Traversal.latents(base, dims, values);
        assertEquals(2 * 5 * 4, z.length);
        for (int r = 0; r < dims.length; r++) {
            for (int c = 0; c < values.length; c++) {
                for (int j = 0; j < base.length; j++) {
                    float v = z[(r * values.length + c) * base.length + j];
                    assertEquals(j == dims[r] ? (float) values[c] : base[j], v, 0f, "row " + r + " col " + c + " dim " + j);
                }
            }
        }
    }

    @Test
    void topOrdersByKlAndChecksRejectBadDims() {
        assertArrayEquals(new int[] {3, 1}, Traversal.top(new double[] {0.1, 2, 0, 5}, 2));
        assertThrows(IllegalArgumentException.class, () -> Traversal.check(new int[] {4}, 4));
        assertThrows(IllegalArgumentException.class, () -> Traversal.check(new int[] {1, 1}, 4));
        assertThrows(IllegalArgumentException.class, () -> Traversal.values(0, 5));
    }

    @Test
    void arithmeticWalksAlongTheDirection() {
        float[] dir = Arithmetic.direction(new float[] {3, 1}, new float[] {1, 1});
        assertArrayEquals(new float[] {2, 0}, dir);
        float[] grid = Arithmetic.walk(new float[] {0, 0, 1, 1}, 2, dir, new double[] {0, 1, -0.5});
        assertArrayEquals(new float[] {0, 0, 2, 0, -1, 0, 1, 1, 3, 1, 0, 1}, grid);
    }
}
