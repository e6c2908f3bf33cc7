package io.github.gen4j.flow;

/**
 * Small dense linear algebra in double precision on the host, for the c x c matrices of the invertible
 * 1x1 convolution (c is at most a few hundred): a random rotation (QR by modified Gram-Schmidt), the PLU
 * decomposition with partial pivoting, the inverse, and log |det|. Matrices are row-major
 * {@code double[n * n]}. Not on any gradient path: used at initialization, for sampling and in tests.
 */
final class HostLinalg {

    private HostLinalg() {}

    /** The Q of a QR decomposition of {@code a} (n x n, full rank): a random orthogonal matrix for Gaussian a. */
    static double[] orthogonal(double[] a, int n) {
        double[] q = a.clone();
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i * n + j] * q[i * n + k];
                }
                for (int i = 0; i < n; i++) {
                    q[i * n + j] -= dot * q[i * n + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-12) {
                throw new IllegalArgumentException("matrix is singular");
            }
            for (int i = 0; i < n; i++) {
                q[i * n + j] /= norm;
            }
        }
        return q;
    }

    /**
     * PLU decomposition A = P L U with partial pivoting (Golub & Van Loan, alg. 3.4.1).
     *
     * @param p permutation matrix (n x n)
     * @param l unit lower-triangular
     * @param u upper-triangular (diagonal included)
     */
    record Plu(double[] p, double[] l, double[] u) {}

    static Plu plu(double[] a, int n) {
        double[] u = a.clone();
        int[] perm = new int[n]; // row i of U came from row perm[i] of A
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double[] l = new double[n * n];
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(u[i * n + k]) > Math.abs(u[piv * n + k])) {
                    piv = i;
                }
            }
            if (Math.abs(u[piv * n + k]) < 1e-300) {
                throw new IllegalArgumentException("matrix is singular");
            }
            swapRows(u, n, k, piv);
            swapRows(l, n, k, piv);
            int t = perm[k];
            perm[k] = perm[piv];
            perm[piv] = t;
            for (int i = k + 1; i < n; i++) {
                double f = u[i * n + k] / u[k * n + k];
                l[i * n + k] = f;
                for (int j = k; j < n; j++) {
                    u[i * n + j] -= f * u[k * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            l[i * n + i] = 1;
        }
        // rows permuted: Pr A = L U with (Pr A)[i] = A[perm[i]], so A = Pr^T L U and P = Pr^T: P[perm[i]][i] = 1
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[perm[i] * n + i] = 1;
        }
        return new Plu(p, l, u);
    }

    /** log |det A| from the PLU decomposition: sum log |u_ii|. */
    static double logAbsDet(double[] a, int n) {
        Plu d = plu(a, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(Math.abs(d.u()[i * n + i]));
        }
        return s;
    }

    /** A^-1 by Gauss-Jordan elimination with partial pivoting. */
    static double[] inverse(double[] a, int n) {
        double[] m = a.clone();
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i * n + k]) > Math.abs(m[piv * n + k])) {
                    piv = i;
                }
            }
            if (Math.abs(m[piv * n + k]) < 1e-300) {
                throw new IllegalArgumentException("matrix is singular");
            }
            swapRows(m, n, k, piv);
            swapRows(inv, n, k, piv);
            double d = m[k * n + k];
            for (int j = 0; j < n; j++) {
                m[k * n + j] /= d;
                inv[k * n + j] /= d;
            }
            for (int i = 0; i < n; i++) {
                if (i != k) {
                    double f = m[i * n + k];
                    if (f != 0) {
                        for (int j = 0; j < n; j++) {
                            m[i * n + j] -= f * m[k * n + j];
                            inv[i * n + j] -= f * inv[k * n + j];
                        }
                    }
                }
            }
        }
        return inv;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void swapRows(double[] a, int n, int r1, int r2) {
        if (r1 == r2) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double t = a[r1 * n + j];
            a[r1 * n + j] = a[r2 * n + j];
            a[r2 * n + j] = t;
        }
    }
}
