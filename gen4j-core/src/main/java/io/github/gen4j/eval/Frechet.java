package io.github.gen4j.eval;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fréchet distance between two Gaussians, the quantity behind FID (Heusel et al. 2017, eq. 6;
 * Dowson & Landau 1982):
 *
 * <pre>
 * d^2 = |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr( (S1 S2)^(1/2) )
 * </pre>
 *
 * The reference implementations (TTUR, pytorch-fid) take {@code scipy.linalg.sqrtm(S1 S2)} of the
 * non-symmetric product. Here the trace term is computed from symmetric matrices only, which is exact in
 * theory and numerically careful: with S1 = V diag(l) V^T and A = S1^(1/2) = V diag(sqrt l) V^T,
 * S1 S2 = A (A S2 A) A^-1 is similar to the symmetric positive semi-definite M = A S2 A, so
 * tr((S1 S2)^(1/2)) = sum_i sqrt(eig_i(M)). Both decompositions are symmetric eigen-decompositions
 * (Commons Math: Householder tridiagonalization + implicit QL), whose eigenvalues are accurate to
 * machine precision times the norm; round-off negatives are clamped to 0.
 */
public final class Frechet {

    private Frechet() {}

    /** The squared Fréchet distance d^2 (what "FID" reports), computed in double precision. */
    public static double distance(GaussianFit a, GaussianFit b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.dim() + " vs " + b.dim());
        }
        int d = a.dim();
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double t = a.mean()[i] - b.mean()[i];
            meanTerm += t * t;
        }
        return Math.max(0, meanTerm + trace(a.cov()) + trace(b.cov()) - 2 * traceSqrtProduct(a.cov(), b.cov()));
    }

    /** tr((S1 S2)^(1/2)) = sum sqrt(eig(S1^(1/2) S2 S1^(1/2))) for symmetric PSD S1, S2. */
    public static double traceSqrtProduct(double[][] s1, double[][] s2) {
        RealMatrix sqrt1 = sqrtPsd(MatrixUtils.createRealMatrix(s1));
        RealMatrix m = sqrt1.multiply(MatrixUtils.createRealMatrix(s2)).multiply(sqrt1);
        symmetrize(m); // the product is symmetric in exact arithmetic; remove round-off asymmetry
        double sum = 0;
        for (double ev : new EigenDecomposition(m).getRealEigenvalues()) {
            sum += Math.sqrt(Math.max(0, ev));
        }
        return sum;
    }

    /** The symmetric square root V diag(sqrt(max(l, 0))) V^T of a symmetric PSD matrix. */
    static RealMatrix sqrtPsd(RealMatrix s) {
        symmetrize(s);
        EigenDecomposition e = new EigenDecomposition(s);
        RealMatrix v = e.getV();
        double[] l = e.getRealEigenvalues();
        int d = l.length;
        RealMatrix vs = v.copy();
        for (int j = 0; j < d; j++) {
            double r = Math.sqrt(Math.max(0, l[j]));
            for (int i = 0; i < d; i++) {
                vs.setEntry(i, j, v.getEntry(i, j) * r);
            }
        }
        return vs.multiply(v.transpose());
    }

    private static void symmetrize(RealMatrix m) {
        int d = m.getRowDimension();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double avg = 0.5 * (m.getEntry(i, j) + m.getEntry(j, i));
                m.setEntry(i, j, avg);
                m.setEntry(j, i, avg);
            }
        }
    }

    static double trace(double[][] s) {
        double t = 0;
        for (int i = 0; i < s.length; i++) {
            t += s[i][i];
        }
        return t;
    }
}
