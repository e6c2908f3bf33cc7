package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Variational dequantization (Ho et al. 2019, Flow++, sec. 3.1): the noise u in (0, 1)^D added to the
 * 8-bit values v comes from a learned q(u | v) instead of U[0, 1), which tightens the bound
 *
 * <pre>
 * log P(v) >= E_{u ~ q} [ log p((v + u) / 256) - D log 256 - log q(u | v) ].
 * </pre>
 * q is a conditional affine flow followed by a sigmoid:
 * <pre>
 * (mu, ls) = CNN(v / 255 - 0.5)                       (B, C, H, W) each; the last conv starts at zero
 * h = mu + exp(ls) * eps,  eps ~ N(0, I)
 * u = sigmoid(h)
 * log q(u | v) = sum [ log N(eps) - ls - log sigmoid(h) - log(1 - sigmoid(h)) ]
 * </pre>
 * with log sigmoid(h) = -softplus(-h) and log(1 - sigmoid(h)) = -softplus(h).
 */
public final class VariationalDequantizer extends AbstractBlock {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Shape imageShape;
    private final SequentialBlock net;
    private final float clamp;

    public VariationalDequantizer(Shape imageShape, int hidden, double clamp) {
        this.imageShape = imageShape;
        long c = imageShape.get(0);
        Conv2d last = conv(2 * c, 3);
        last.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        net = addChildBlock("net", new SequentialBlock()
                .add(conv(hidden, 3)).add(Activation.reluBlock())
                .add(conv(hidden, 3)).add(Activation.reluBlock())
                .add(last));
        this.clamp = (float) clamp;
    }

    private static Conv2d conv(long filters, int k) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(k / 2, k / 2))
                .setFilters((int) filters).build();
    }

    /** Dequantized x = (v + u) / 256 (B, C, H, W) and log q(u | v) per image (B). */
    public record Sample(NDArray x, NDArray logQ) {}

    /** Draws u ~ q(u | v) for raw 0..255 pixels (engine-seeded noise). */
    public Sample sample(ParameterStore ps, NDArray raw, boolean training) {
        return transform(ps, raw, raw.getManager().randomNormal(raw.getShape()), training);
    }

    /** The u = sigmoid(mu + exp(ls) eps) of given standard-normal noise eps (B, C, H, W), and log q(u | v). */
    Sample transform(ParameterStore ps, NDArray raw, NDArray eps, boolean training) {
        NDArray in = raw.div(255f).sub(0.5f);
        NDList ml = net.forward(ps, new NDList(in), training).singletonOrThrow().split(2, 1);
        NDArray mu = ml.get(0);
        NDArray ls = Ops.softClamp(ml.get(1), clamp); // log-scale soft-clamped to (-clamp, clamp)
        NDArray h = mu.add(ls.exp().mul(eps));
        NDArray u = Activation.sigmoid(h);
        // log q(u) = log N(eps) - log |du/deps|, du/deps = exp(ls) sigmoid(h) (1 - sigmoid(h)) elementwise
        NDArray logN = Ops.mul(eps.square(), -0.5).sub((float) HALF_LOG_2PI);
        NDArray logQ = logN.sub(ls).add(softplus(h.neg())).add(softplus(h));
        NDArray x = Ops.div(raw.add(u), 256);
        return new Sample(x, logQ.reshape(logQ.getShape().get(0), -1).sum(new int[] {1}));
    }

    /** softplus(a) = log(1 + exp(a)) = max(a, 0) + log(1 + exp(-|a|)), stable for any a. */
    static NDArray softplus(NDArray a) {
        return Activation.relu(a).add(a.abs().neg().exp().add(1f).log());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Sample s = sample(ps, inputs.singletonOrThrow(), training);
        return new NDList(s.x(), s.logQ());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0], new Shape(in[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        net.initialize(manager, dataType, new Shape(1, imageShape.get(0), imageShape.get(1), imageShape.get(2)));
    }
}
