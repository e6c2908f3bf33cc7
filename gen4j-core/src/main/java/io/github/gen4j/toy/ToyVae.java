package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.github.gen4j.nn.Ops;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A VAE on points in the plane (Kingma & Welling 2014) with a 2-D latent and a Gaussian decoder:
 *
 * <pre>
 * q(z | x) = N(mu(x), diag exp(lv(x)))          encoder MLP: x (B, 2) -> (mu, lv) (B, 2 + 2)
 * p(x | z) = N(m(z), diag exp(s(z)))            decoder MLP: z (B, 2) -> (m, s)   (B, 2 + 2)
 * p(z)     = N(0, I)
 * ELBO(x)  = E_q[log p(x | z)] - KL(q(z | x) || p(z))  <=  log p(x)
 * </pre>
 * Both log-variances are soft-clamped to (-{@link #LOG_VAR_BOUND}, +{@link #LOG_VAR_BOUND}). Samples are
 * m(z) + exp(s(z) / 2) eps, the decoder's noise included: that noise is the blur of a VAE.
 *
 * <p>Density: {@link #logDensity} is the importance-weighted bound (Burda et al. 2016, eq. 8) with K
 * samples from q, log (1/K) sum_k p(x, z_k) / q(z_k | x), which is >= the ELBO and rises to log p(x)
 * as K grows. Because the latent is 2-D, {@link #quadratureLogDensity} can also compute log p(x) =
 * log integral p(x | z) p(z) dz by the midpoint rule on a latent grid, an independent check of the bound.
 */
public final class ToyVae implements ToyModel {

    /** Bound c of both log-variances, c tanh(raw / c): standard deviations within e^(-3.5) .. e^3.5. */
    public static final double LOG_VAR_BOUND = 7;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final int importanceSamples;

    /**
     * @param hidden width of both MLPs
     * @param layers hidden layers of both MLPs
     * @param importanceSamples K of the density bound
     */
    public ToyVae(int hidden, int layers, int importanceSamples) {
        if (importanceSamples < 1) {
            throw new IllegalArgumentException("toy VAE: importance samples must be >= 1");
        }
        this.encoder = ToyMlp.of(hidden, layers, 4);
        this.decoder = ToyMlp.of(hidden, layers, 4);
        this.importanceSamples = importanceSamples;
    }

    /** Width 128, 3 hidden layers, K = 64. */
    public static ToyVae defaults() {
        return new ToyVae(128, 3, 64);
    }

    @Override
    public String family() {
        return "vae";
    }

    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put("encoder", encoder);
        m.put("decoder", decoder);
        return m;
    }

    @Override
    public void initialize(NDManager weights, NDArray firstBatch) {
        ToyMlp.initialize(encoder, weights, 2);
        ToyMlp.initialize(decoder, weights, 2);
    }

    /** (mean, log-variance), each (B, 2), of the Gaussian an MLP outputs. */
    private static NDArray[] gaussian(SequentialBlock net, ParameterStore ps, NDArray in) {
        NDList p = ToyMlp.forward(net, ps, in).split(2, 1);
        return new NDArray[] {p.get(0), Ops.softClamp(p.get(1), LOG_VAR_BOUND)};
    }

    /** log N(x; m, diag exp(s)) summed over the 2 coordinates: (B, 2) -> (B). */
    private static NDArray logNormal(NDArray x, NDArray m, NDArray s) {
        NDArray quad = x.sub(m).square().div(s.exp()).add(s).add(LOG_2PI); // (B, 2)
        return Ops.mul(quad.sum(new int[] {1}), -0.5);
    }

    /** -ELBO per point (B): reconstruction with one reparameterized z, KL in closed form (K&W 2014, app. B). */
    public NDArray negativeElbo(ParameterStore ps, NDArray x) {
        NDArray[] q = gaussian(encoder, ps, x);
        NDArray eps = x.getManager().randomNormal(q[0].getShape());
        NDArray z = q[0].add(Ops.mul(q[1], 0.5).exp().mul(eps)); // mu + sigma eps
        NDArray[] p = gaussian(decoder, ps, z);
        NDArray rec = logNormal(x, p[0], p[1]);
        // KL(N(mu, e^lv) || N(0, I)) = 1/2 sum (mu^2 + e^lv - lv - 1)
        NDArray kl = Ops.mul(q[0].square().add(q[1].exp()).sub(q[1]).sub(1f).sum(new int[] {1}), 0.5);
        return kl.sub(rec);
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x) {
        return negativeElbo(ps, x).mean();
    }

    @Override
    public NDArray sample(ParameterStore ps, NDManager manager, int n) {
        NDArray z = manager.randomNormal(new Shape(n, 2));
        NDArray[] p = gaussian(decoder, ps, z);
        return p[0].add(Ops.mul(p[1], 0.5).exp().mul(manager.randomNormal(new Shape(n, 2))));
    }

    @Override
    public Density density() {
        return Density.LOWER_BOUND;
    }

    @Override
    public String densityNote() {
        return "importance-weighted lower bound on log p(x), K = " + importanceSamples + " (Burda et al. 2016)";
    }

    /** The K-sample importance-weighted bound, (N). */
    @Override
    public NDArray logDensity(ParameterStore ps, NDArray x) {
        long n = x.getShape().get(0);
        int k = importanceSamples;
        NDArray[] q = gaussian(encoder, ps, x); // (N, 2) each
        NDArray eps = x.getManager().randomNormal(new Shape(k, n, 2));
        NDArray sigma = q[1].mul(0.5f).exp();
        NDArray z = q[0].expandDims(0).add(sigma.expandDims(0).mul(eps)).reshape(k * n, 2); // (K N, 2)
        NDArray[] p = gaussian(decoder, ps, z);
        NDArray xs = x.expandDims(0).broadcast(new Shape(k, n, 2)).reshape(k * n, 2);
        NDArray logPxz = logNormal(xs, p[0], p[1]).reshape(k, n); // log p(x | z_k)
        NDArray logPz = z.square().sum(new int[] {1}).mul(-0.5f).sub((float) LOG_2PI).reshape(k, n);
        // log q(z_k | x) = log N(eps_k; 0, I) - sum log sigma = -|eps|^2 / 2 - log 2 pi - lv_sum / 2
        NDArray logQ = eps.square().sum(new int[] {2}).mul(-0.5f).sub((float) LOG_2PI)
                .sub(q[1].sum(new int[] {1}).mul(0.5f).expandDims(0));
        return logMeanExp(logPxz.add(logPz).sub(logQ)); // (N)
    }

    /**
     * log p(x) = log integral p(x | z) N(z; 0, I) dz by the midpoint rule on a points x points grid over
     * [-range, range]^2 in latent space (tractable because the latent is 2-D; the prior's mass outside
     * the square is about 2 Phi(-range)). Costs N points^2 decoder evaluations: for checks, not plots.
     *
     * @return (N) on x's manager
     */
    public NDArray quadratureLogDensity(ParameterStore ps, NDArray x, int points, double range) {
        NDManager m = x.getManager();
        long n = x.getShape().get(0);
        int g = points * points;
        NDArray z = m.create(DensityGrid.centres(range, points), new Shape(g, 2)); // (G, 2)
        double h = 2 * range / points;
        NDArray[] p = gaussian(decoder, ps, z); // (G, 2) each, the same for every x
        NDArray logPz = z.square().sum(new int[] {1}).mul(-0.5f).sub((float) LOG_2PI); // (G)
        NDArray xs = x.expandDims(1).broadcast(new Shape(n, g, 2)).reshape(n * g, 2);
        NDArray mean = p[0].expandDims(0).broadcast(new Shape(n, g, 2)).reshape(n * g, 2);
        NDArray logVar = p[1].expandDims(0).broadcast(new Shape(n, g, 2)).reshape(n * g, 2);
        NDArray terms = logNormal(xs, mean, logVar).reshape(n, g).add(logPz.expandDims(0)); // (N, G)
        return logMeanExp(terms.transpose()).add((float) (Math.log(g) + 2 * Math.log(h))); // sum * h^2
    }

    /** log (1/K) sum_k e^{a_k} over axis 0 of a (K, N), computed stably: (N). */
    private static NDArray logMeanExp(NDArray a) {
        long k = a.getShape().get(0);
        NDArray max = a.max(new int[] {0}, true); // (1, N)
        return a.sub(max).exp().sum(new int[] {0}).log().add(max.squeeze(0)).sub((float) Math.log(k));
    }
}
