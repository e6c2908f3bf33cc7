package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Invertible 1x1 convolution in LU-decomposed form (Kingma & Dhariwal 2018, Glow, sec. 3.2 and eq. 10):
 *
 * <pre>
 * W = P L (U + diag(sign * exp(logS)))      (C, C)
 * y[b, :, i, j] = W x[b, :, i, j]           a 1x1 convolution, (B, C, H, W) -> (B, C, H, W)
 * log |det| = H * W * sum(logS)
 * </pre>
 * L is unit lower-triangular and U strictly upper-triangular (their other entries are masked out), both
 * trained with logS; the permutation P and the signs are fixed at initialization. W starts as a random
 * rotation (the QR of a Gaussian matrix), decomposed once on the host. P and sign are parameters that do
 * not require gradients: they are saved with the model but never updated (see {@link FlowParameters}).
 * The inverse, needed only for sampling and decoding, is computed on the host in double precision.
 */
public final class InvConv1x1 extends FlowLayer {

    private final Parameter perm;
    private final Parameter sign;
    private final Parameter lower;
    private final Parameter upper;
    private final Parameter logS;
    /** eye, strictly-lower mask, strictly-upper mask: see {@link #constants}. */
    private NDArray[] constants;

    public InvConv1x1(Shape inputShape) {
        super(inputShape);
        long c = channels();
        perm = addParameter(fixed("perm", new Shape(c, c)));
        sign = addParameter(fixed("sign", new Shape(c)));
        lower = addParameter(Parameter.builder().setName("lower").setType(Parameter.Type.OTHER)
                .optShape(new Shape(c, c)).optInitializer(Initializer.ZEROS).build());
        upper = addParameter(Parameter.builder().setName("upper").setType(Parameter.Type.OTHER)
                .optShape(new Shape(c, c)).optInitializer(Initializer.ZEROS).build());
        logS = addParameter(Parameter.builder().setName("logS").setType(Parameter.Type.OTHER)
                .optShape(new Shape(c)).optInitializer(Initializer.ZEROS).build());
    }

    private static Parameter fixed(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape)
                .optInitializer(Initializer.ZEROS).optRequiresGrad(false).build();
    }

    /** Draws a random rotation W (engine-seeded) and stores its P, L, U, sign and log |s|. */
    @Override
    public void initialize(NDManager manager) {
        super.initialize(manager);
        int c = (int) channels();
        double[] a;
        try (NDManager tmp = manager.newSubManager()) {
            a = HostLinalg.toDouble(tmp.randomNormal(new Shape(c, c)).toFloatArray());
        }
        double[] w = HostLinalg.orthogonal(a, c);
        HostLinalg.Plu d = HostLinalg.plu(w, c);
        double[] s = new double[c];
        double[] logAbs = new double[c];
        double[] u = d.u().clone();
        for (int i = 0; i < c; i++) {
            double di = u[i * c + i];
            s[i] = Math.signum(di);
            logAbs[i] = Math.log(Math.abs(di));
            u[i * c + i] = 0;
        }
        double[] l = d.l().clone();
        for (int i = 0; i < c; i++) {
            l[i * c + i] = 0;
        }
        set(manager, perm, d.p(), new Shape(c, c));
        set(manager, sign, s, new Shape(c));
        set(manager, lower, l, new Shape(c, c));
        set(manager, upper, u, new Shape(c, c));
        set(manager, logS, logAbs, new Shape(c));
    }

    private static void set(NDManager m, Parameter p, double[] v, Shape shape) {
        try (NDManager tmp = m.newSubManager()) {
            tmp.create(HostLinalg.toFloat(v), shape).copyTo(p.getArray());
        }
    }

    /** The (C, C) weight W = P L (U + diag(sign exp(logS))) from the given parameter arrays ({@code ls}: logS's). */
    private NDArray weight(ParameterStore ps, NDArray like, NDArray ls, boolean training) {
        int c = (int) channels();
        NDArray p = value(ps, perm, like, training);
        NDArray sg = value(ps, sign, like, training);
        NDArray lo = value(ps, lower, like, training);
        NDArray up = value(ps, upper, like, training);
        NDArray[] k = constants(lo.getDevice());
        NDArray eye = k[0];
        NDArray lowerMask = k[1];
        NDArray upperMask = k[2];
        NDArray lMat = lo.mul(lowerMask).add(eye);
        // short-lived operands first: a result lands on its first operand's manager, and the constants'
        // is the model's
        NDArray uMat = up.mul(upperMask).add(sg.mul(ls.exp()).reshape(1, c).mul(eye));
        return p.matMul(lMat).matMul(uMat);
    }

    /**
     * The identity and the strictly-lower and strictly-upper masks, (C, C) each on {@code device}, made once
     * and kept with the parameters (on their manager), not rebuilt in every forward pass. Made again if the
     * parameters moved to another manager, the device differs, or those arrays were freed.
     */
    private NDArray[] constants(Device device) {
        NDManager m = lower.getArray().getManager();
        if (constants == null || constants[0].isReleased() || constants[0].getManager() != m
                || !constants[0].getDevice().equals(device)) {
            if (constants != null) {
                for (NDArray a : constants) {
                    if (!a.isReleased()) {
                        a.close();
                    }
                }
            }
            int c = (int) channels();
            constants = new NDArray[] {m.eye(c, c, 0, lower.getArray().getDataType(), device),
                    onDevice(m, strictTriangle(c, true), c, device), onDevice(m, strictTriangle(c, false), c, device)};
        }
        return constants;
    }

    private static NDArray onDevice(NDManager m, float[] values, int c, Device device) {
        NDArray host = Ops.constant(m, values, new Shape(c, c));
        if (host.getDevice().equals(device)) {
            return host;
        }
        try (host) {
            return host.toDevice(device, true);
        }
    }

    /** Row-major (c, c) mask with ones strictly below ({@code lower}) or strictly above the diagonal. */
    private static float[] strictTriangle(int c, boolean lower) {
        float[] mask = new float[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                mask[i * c + j] = (lower ? j < i : j > i) ? 1f : 0f;
            }
        }
        return mask;
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        long c = channels();
        NDArray ls = value(ps, logS, x, true);
        NDArray w = weight(ps, x, ls, true).reshape(c, c, 1, 1);
        NDArray y = Conv2d.conv2d(x, w).singletonOrThrow();
        NDArray logDet = Ops.mul(ls.sum(), height() * width());
        return new Result(y, zeroLogDet(x).add(logDet));
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        int c = (int) channels();
        float[] w = weight(ps, y, value(ps, logS, y, false), false).toFloatArray();
        double[] inv = HostLinalg.inverse(HostLinalg.toDouble(w), c);
        NDArray wInv = Ops.constant(y.getManager(), HostLinalg.toFloat(inv), new Shape(c, c, 1, 1));
        return Conv2d.conv2d(y, wInv).singletonOrThrow();
    }
}
