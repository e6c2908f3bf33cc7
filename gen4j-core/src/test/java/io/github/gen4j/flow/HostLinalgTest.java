package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HostLinalgTest {

    static double[] mul(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                }
            }
        }
        return c;
    }

    @Test
    void pluReconstructsTheMatrixAndInverseIsExact() {
        int n = 5;
        Random r = new Random(3);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        HostLinalg.Plu d = HostLinalg.plu(a, n);
        double[] back = mul(d.p(), mul(d.l(), d.u(), n), n);
        double[] eye = mul(a, HostLinalg.inverse(a, n), n);
        for (int i = 0; i < n * n; i++) {
            assertEquals(a[i], back[i], 1e-12);
            assertEquals(i / n == i % n ? 1 : 0, eye[i], 1e-12);
        }
        // a rotation has |det| = 1
        assertEquals(0, HostLinalg.logAbsDet(HostLinalg.orthogonal(a, n), n), 1e-12);
        // diag(2, 3, 1, 1, 1): log 6
        double[] diag = new double[n * n];
        for (int i = 0; i < n; i++) {
            diag[i * n + i] = i == 0 ? 2 : i == 1 ? -3 : 1;
        }
        assertEquals(Math.log(6), HostLinalg.logAbsDet(diag, n), 1e-12);
    }
}
