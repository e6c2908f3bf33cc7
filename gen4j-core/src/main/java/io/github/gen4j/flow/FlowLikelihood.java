package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Pixels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bits per dimension of 8-bit images under a {@link MultiScaleFlow}, with every term accounted for.
 *
 * <p>For pixel values v in {0..255}^D, dequantized x = (v + u) / 256 with u ~ q(u | v) on [0, 1)^D
 * (uniform: log q = 0), the flow gives the exact density p(x) on [0, 1)^D through the change of
 * variables, preprocessing (logit) included:
 * <pre>
 * log p(x) = log N(z; 0, I) + sum_layers log |det|,       z = f(x)
 * log P(v) >= E_q [ log p(x) - D log 256 - log q(u | v) ]  (Theis et al. 2016; Ho et al. 2019, eq. 12)
 * bits/dim = -(log p(x) - D log 256 - log q) / (D ln 2)
 * </pre>
 * The -D log 256 is the log-determinant of the scaling (v + u) -> (v + u) / 256, which turns the density
 * on [0, 1)^D into one on the 256-wide pixel bins; so the number is directly comparable to the published
 * tables (e.g. RealNVP and Glow on MNIST/CIFAR-10).
 */
final class FlowLikelihood {

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final MultiScaleFlow flow;
    private final int dims;

    FlowLikelihood(MultiScaleFlow flow) {
        this.flow = flow;
        this.dims = flow.config().dims();
    }

    /** Dequantized x (B, C, H, W) and log q(u | v) (B). */
    record Dequantized(NDArray x, NDArray logQ) {}

    /**
     * Per-image terms, each (B): log N(z), the summed log-determinants, log q(u | v), and the bits/dim
     * bound for one noise draw.
     */
    record Terms(NDArray logPz, NDArray logDet, NDArray logQ, NDArray bitsPerDim) {}

    Dequantized dequantize(ParameterStore ps, NDArray raw, boolean training) {
        VariationalDequantizer q = flow.dequantizer();
        if (q == null) {
            NDArray x = Pixels.dequantize(raw);
            return new Dequantized(x, x.getManager().zeros(new Shape(raw.getShape().get(0)), DataType.FLOAT32, x.getDevice()));
        }
        VariationalDequantizer.Sample s = q.sample(ps, raw, training);
        return new Dequantized(s.x(), s.logQ());
    }

    Terms terms(ParameterStore ps, NDArray raw, NDArray cond, boolean training) {
        Dequantized d = dequantize(ps, raw, training);
        FlowLayer.Result r = flow.encode(ps, d.x(), cond);
        NDArray z = r.y();
        NDArray logPz = Ops.mul(z.square(), -0.5).sub((float) HALF_LOG_2PI).sum(new int[] {1});
        NDArray logPx = logPz.add(r.logDet());
        // -(log p(x) - D log 256 - log q) / (D ln 2)
        NDArray bpd = Ops.div(logPx.sub(d.logQ()).neg().add((float) (dims * Math.log(256))), dims * Math.log(2));
        return new Terms(logPz, r.logDet(), d.logQ(), bpd);
    }

    /**
     * Sums over the images of "bpd" (mean over k draws), "nll_nats" and, for k > 1, "iw_bpd":
     * -log2 mean_k exp(log w_k) / D with log w = log p(x) - D log 256 - log q, the importance-weighted
     * bound (Burda et al. 2016), at least as tight as the mean.
     */
    Map<String, Double> bounds(ParameterStore ps, NDArray raw, NDArray cond, int k) {
        NDList perDraw = new NDList();
        for (int i = 0; i < k; i++) {
            perDraw.add(terms(ps, raw, cond, false).bitsPerDim().expandDims(0));
        }
        NDArray bpd = NDArrays.concat(perDraw, 0); // (k, B)
        double ln2d = dims * Math.log(2);
        Map<String, Double> m = new LinkedHashMap<>();
        double meanSum = bpd.mean(new int[] {0}).sum().getFloat();
        m.put("bpd", meanSum);
        m.put("nll_nats", meanSum * ln2d);
        if (k > 1) {
            NDArray logW = bpd.mul((float) -ln2d); // (k, B) log w in nats
            NDArray max = logW.max(new int[] {0}, true);
            NDArray lse = logW.sub(max).exp().mean(new int[] {0}).log().add(max.squeeze(0)); // (B)
            m.put("iw_bpd", (double) lse.neg().sum().getFloat() / ln2d);
        }
        return m;
    }
}
