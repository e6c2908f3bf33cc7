package io.github.gen4j.eval;

import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

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
        double sum = 0;
        for (double ev : symmetricEigen(m).values()) {
            sum += Math.sqrt(Math.max(0, ev));
        }
        return sum;
    }

    /** The symmetric square root V diag(sqrt(max(l, 0))) V^T of a symmetric PSD matrix. */
    static RealMatrix sqrtPsd(RealMatrix s) {
        Eigen e = symmetricEigen(s);
        RealMatrix v = e.vectors();
        RealMatrix vs = v.copy();
        for (int j = 0; j < e.values().length; j++) {
            double r = Math.sqrt(Math.max(0, e.values()[j]));
            for (int i = 0; i < v.getRowDimension(); i++) {
                vs.setEntry(i, j, v.getEntry(i, j) * r);
            }
        }
        return vs.multiply(v.transpose());
    }

    /**
     * Eigenvalues (r) and eigenvectors (the d x r columns of {@code vectors}) of a symmetric matrix, leaving out
     * the eigenvalue 0 of each row and column that is exactly zero.
     *
     * @param values eigenvalues of the rest
     * @param vectors their eigenvectors, zero in the left-out coordinates
     */
    record Eigen(double[] values, RealMatrix vectors) {}

    /**
     * The eigen-decomposition of symmetric {@code s} (symmetrized first against round-off). Exactly zero rows
     * and columns, a feature that is constant over all images (a dead ReLU of a collapsed generator's samples),
     * are taken out first: they only hold eigenvalue 0, and Commons Math's QL iteration can fail to converge
     * when they are interleaved with the rest (measured on a collapsed GAN's 128-feature covariance with 78
     * such rows). Should it still not converge, an SVD gives the decomposition ({@link #eigenBySvd}).
     */
    static Eigen symmetricEigen(RealMatrix s) {
        symmetrize(s);
        int d = s.getRowDimension();
        int[] keep = java.util.stream.IntStream.range(0, d).filter(i -> {
            for (int j = 0; j < d; j++) {
                if (s.getEntry(i, j) != 0) {
                    return true;
                }
            }
            return false;
        }).toArray();
        if (keep.length == 0) { // the zero matrix: one zero eigenvalue with a zero column stands for all of them
            return new Eigen(new double[] {0}, MatrixUtils.createRealMatrix(d, 1));
        }
        RealMatrix sub = keep.length == d ? s : s.getSubMatrix(keep, keep);
        double[] values;
        RealMatrix v;
        try {
            EigenDecomposition e = new EigenDecomposition(sub);
            values = e.getRealEigenvalues();
            v = e.getV();
        } catch (MaxCountExceededException ex) {
            Eigen bySvd = eigenBySvd(sub);
            values = bySvd.values();
            v = bySvd.vectors();
        }
        if (keep.length == d) {
            return new Eigen(values, v);
        }
        RealMatrix full = MatrixUtils.createRealMatrix(d, keep.length);
        for (int i = 0; i < keep.length; i++) {
            full.setRow(keep[i], v.getRow(i));
        }
        return new Eigen(values, full);
    }

    /**
     * The eigen-decomposition of a symmetric matrix from its SVD A = U S V^T: the eigenvectors are V's
     * columns and eigenvalue i is s_i with the sign of u_i . v_i (negative where U flips V's column).
     */
    static Eigen eigenBySvd(RealMatrix a) {
        SingularValueDecomposition svd = new SingularValueDecomposition(a);
        double[] s = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        double[] values = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            values[i] = u.getColumnVector(i).dotProduct(v.getColumnVector(i)) < 0 ? -s[i] : s[i];
        }
        return new Eigen(values, v);
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
