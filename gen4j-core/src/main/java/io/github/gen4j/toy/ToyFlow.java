package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.gen4j.flow.ActNorm;
import io.github.gen4j.flow.FlowLayer;
import io.github.gen4j.nn.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RealNVP on points in the plane (Dinh et al. 2017) on the image flow's {@link FlowLayer} contract: a point
 * is a 2-channel 1 x 1 image (B, 2, 1, 1), and the flow is [{@link ActNorm}, {@link MlpCoupling}] x K, the
 * image flow's ActNorm with MLP affine couplings of alternating parity, so the couplings transform y, then
 * x, then y, ... each conditioned on the other coordinate:
 *
 * <pre>
 * y_b = x_b exp(s(x_a)) + t(x_a),   log |det| = s(x_a)
 * log p(x) = log N(f(x); 0, I) + sum_layers log |det J|          (exact, change of variables)
 * </pre>
 * ActNorms are initialized from the first batch (data-dependent, Glow sec. 3.1); couplings start as the
 * identity (zero last layer).
 */
public final class ToyFlow implements ToyModel {

    private static final Shape POINT = new Shape(2, 1, 1);
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final List<FlowLayer> layers = new ArrayList<>();

    /**
     * @param couplings K, the number of affine couplings (each preceded by an ActNorm)
     * @param hidden width of each coupling's MLP
     * @param layers hidden layers of each coupling's MLP
     * @param clamp bound of each coupling's log-scale, c tanh(raw / c)
     */
    public ToyFlow(int couplings, int hidden, int layers, double clamp) {
        if (couplings < 2) {
            throw new IllegalArgumentException("toy flow: at least 2 couplings (one per coordinate) are needed");
        }
        for (int k = 0; k < couplings; k++) {
            this.layers.add(new ActNorm(POINT));
            this.layers.add(new MlpCoupling(k % 2, hidden, layers, clamp));
        }
    }

    /** 8 couplings, each an MLP with 2 hidden layers of 64, log-scale bound 3. */
    public static ToyFlow defaults() {
        return new ToyFlow(8, 64, 2, 3.0);
    }

    @Override
    public String family() {
        return "flow";
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            m.put(String.format("layer%02d", i), layers.get(i));
        }
        return m;
    }

    @Override
    public void initialize(NDManager weights, NDArray firstBatch) {
        NDArray x = firstBatch.reshape(firstBatch.getShape().get(0), 2, 1, 1);
        ParameterStore ps = new ParameterStore(firstBatch.getManager(), false);
        for (FlowLayer l : layers) {
            l.initialize(weights);
            if (l instanceof ActNorm a) {
                a.initializeFrom(x); // normalize what this layer sees; later layers see the result
            }
            x = l.forward(ps, x, null).y();
        }
    }

    /** z = f(x) and log |det df/dx| for points x (B, 2): {z (B, 2), logDet (B)}. */
    public NDArray[] forward(ParameterStore ps, NDArray x) {
        long b = x.getShape().get(0);
        NDArray h = x.reshape(b, 2, 1, 1);
        NDArray logDet = x.getManager().zeros(new Shape(b));
        for (FlowLayer l : layers) {
            FlowLayer.Result r = l.forward(ps, h, null);
            h = r.y();
            logDet = logDet.add(r.logDet());
        }
        return new NDArray[] {h.reshape(b, 2), logDet};
    }

    /** x = f^-1(z) for latents z (B, 2): the layers inverted in reverse order. */
    public NDArray inverse(ParameterStore ps, NDArray z) {
        long b = z.getShape().get(0);
        NDArray h = z.reshape(b, 2, 1, 1);
        for (int i = layers.size() - 1; i >= 0; i--) {
            h = layers.get(i).inverse(ps, h, null);
        }
        return h.reshape(b, 2);
    }

    /** Exact log p(x) = log N(f(x); 0, I) + log |det df/dx|, (B). */
    @Override
    public NDArray logDensity(ParameterStore ps, NDArray x) {
        NDArray[] f = forward(ps, x);
        NDArray logPrior = Ops.mul(f[0].square().sum(new int[] {1}), -0.5).sub((float) LOG_2PI);
        return logPrior.add(f[1]);
    }

    /** Negative log-likelihood in nats per point. */
    @Override
    public NDArray loss(ParameterStore ps, NDArray x) {
        return logDensity(ps, x).mean().neg();
    }

    @Override
    public NDArray sample(ParameterStore ps, NDManager manager, int n) {
        return inverse(ps, manager.randomNormal(new Shape(n, 2)));
    }

    @Override
    public Density density() {
        return Density.EXACT;
    }

    @Override
    public String densityNote() {
        return "exact log p(x) by the change of variables";
    }
}
