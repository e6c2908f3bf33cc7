package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Affine coupling (Dinh et al. 2017, RealNVP, eq. 7-9): part of the input passes unchanged and conditions
 * an elementwise affine map of the rest,
 *
 * <pre>
 * y_a = x_a
 * y_b = x_b * exp(s(x_a)) + t(x_a)            log |det| = sum s(x_a)
 * </pre>
 * with (t, raw s) from a small CNN: Conv 3x3 (hidden) + ReLU, Conv 1x1 (hidden) + ReLU, Conv 3x3 whose
 * weights and bias start at zero (Glow, sec. 3.3), so every coupling starts as the identity.
 *
 * <p>Stability: the log-scale is soft-clamped, s = c * tanh(raw / c), so exp(s) stays in (e^-c, e^c)
 * whatever the network outputs; near zero it is the identity (slope 1).
 *
 * <p>Masks: {@link Mask#CHANNEL} splits the channels in two halves; {@link Mask#CHECKERBOARD} keeps
 * the pixels where (i + j) % 2 == parity and transforms the others, with the network seeing the masked
 * input (B, C, H, W); the parity alternates between consecutive couplings so every entry gets transformed.
 */
public final class AffineCoupling extends FlowLayer {

    /** Which entries condition the transform of the others. */
    public enum Mask { CHANNEL, CHECKERBOARD }

    private final Mask mask;
    private final int parity;
    private final float clamp;
    private final SequentialBlock net;
    private final long condChannels;
    private final long outChannels;

    /**
     * @param parity 0 or 1: which half (channel) or which squares (checkerboard) are kept
     * @param hidden width of the coupling network
     * @param clamp bound c of the log-scale, c tanh(raw / c)
     */
    public AffineCoupling(Shape inputShape, Mask mask, int parity, int hidden, double clamp) {
        super(inputShape);
        if (mask == Mask.CHANNEL && channels() < 2) {
            throw new IllegalArgumentException("a channel coupling needs >= 2 channels, got " + inputShape);
        }
        if (parity != 0 && parity != 1 || hidden <= 0 || !(clamp > 0)) {
            throw new IllegalArgumentException("coupling: parity 0/1, hidden > 0 and clamp > 0 required");
        }
        this.mask = mask;
        this.parity = parity;
        this.clamp = (float) clamp;
        long first = channels() / 2;
        if (mask == Mask.CHANNEL) {
            condChannels = parity == 0 ? first : channels() - first;
            outChannels = channels() - condChannels;
        } else {
            condChannels = channels();
            outChannels = channels();
        }
        Conv2d last = conv(2 * outChannels, 3);
        last.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        last.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        net = addChildBlock("net", new SequentialBlock()
                .add(conv(hidden, 3)).add(Activation.reluBlock())
                .add(conv(hidden, 1)).add(Activation.reluBlock())
                .add(last));
    }

    private static Conv2d conv(long filters, int k) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2))
                .setFilters((int) filters).build();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, new Shape(1, condChannels, height(), width()));
    }

    public Mask mask() {
        return mask;
    }

    /** (t, s) from the conditioning input: each (B, outChannels, H, W), s already clamped. */
    private NDArray[] shiftAndLogScale(ParameterStore ps, NDArray cond, boolean training) {
        NDList ts = net.forward(ps, new NDList(cond), training).singletonOrThrow().split(2, 1);
        NDArray s = Ops.softClamp(ts.get(1), clamp);
        return new NDArray[] {ts.get(0), s};
    }

    /** (1, 1, H, W) float mask: 1 where (i + j) % 2 == parity (kept), 0 elsewhere (transformed). */
    private NDArray checkerboard(NDManager m) {
        int h = (int) height();
        int w = (int) width();
        float[] v = new float[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                v[i * w + j] = (i + j) % 2 == parity ? 1f : 0f;
            }
        }
        return Ops.constant(m, v, new Shape(1, 1, h, w));
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        if (mask == Mask.CHECKERBOARD) {
            NDArray keep = checkerboard(x.getManager());
            NDArray change = keep.neg().add(1f);
            NDArray[] ts = shiftAndLogScale(ps, x.mul(keep), true);
            NDArray t = ts[0].mul(change);
            NDArray s = ts[1].mul(change); // 0 on kept entries: exp(0) = 1 leaves them unchanged
            return new Result(x.mul(s.exp()).add(t), sumPerImage(s));
        }
        NDList halves = splitChannels(x);
        NDArray xa = halves.get(0);
        NDArray[] ts = shiftAndLogScale(ps, xa, true);
        NDArray yb = halves.get(1).mul(ts[1].exp()).add(ts[0]);
        return new Result(joinChannels(xa, yb), sumPerImage(ts[1]));
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        if (mask == Mask.CHECKERBOARD) {
            NDArray keep = checkerboard(y.getManager());
            NDArray change = keep.neg().add(1f);
            NDArray[] ts = shiftAndLogScale(ps, y.mul(keep), false);
            return y.sub(ts[0].mul(change)).mul(ts[1].mul(change).neg().exp());
        }
        NDList halves = splitChannels(y);
        NDArray ya = halves.get(0);
        NDArray[] ts = shiftAndLogScale(ps, ya, false);
        NDArray xb = halves.get(1).sub(ts[0]).mul(ts[1].neg().exp());
        return joinChannels(ya, xb);
    }

    /** (conditioning part, transformed part) of a channel split. */
    private NDList splitChannels(NDArray x) {
        long first = channels() / 2;
        NDList parts = x.split(new long[] {first}, 1);
        return parity == 0 ? parts : new NDList(parts.get(1), parts.get(0));
    }

    private NDArray joinChannels(NDArray a, NDArray b) {
        return parity == 0 ? a.concat(b, 1) : b.concat(a, 1);
    }
}
