package io.github.gen4j.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.diffusion.sampler.ScheduleTables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variational bound of a diffusion model (Ho et al. 2020, eq. 5) on uniformly dequantized 8-bit
 * images, in bits/dim, comparable with the VAE and flow bounds:
 *
 * <pre>
 * -log p(x_0) <= L_T + sum_{i=1}^{T-1} L_i + L_0
 * L_T = KL(q(x_T | x_0) || N(0, I)) = 1/2 sum_d (abar_T x_0^2 - abar_T - log(1 - abar_T))
 * L_i = w_i ||x_0 - x0_hat(x_i, i)||^2,  L_0 = w_0 ||x_0 - x0_hat(x_1, 1)||^2 + D c_0
 * </pre>
 * with the weights of {@link NoiseSchedule#vlbWeights} (fixed reverse variances beta~, and beta_1 for
 * the decoder). The sum over T terms is estimated without bias by stratified sampling: the T indices
 * are cut into k equal strata, one index is drawn per stratum and image, and each term is weighted by
 * its stratum's size (k network evaluations per image; k = T gives the exact sum).
 *
 * <p>Pixels: x_0 = 2 (v + u) / 256 - 1, u ~ U[0, 1), a density on [-1, 1)^D. Since the map from
 * y = (v + u) / 256 has Jacobian 2^D and the 8-bit bins have width 1/256 in y, log P(v) >= E_u log p(x_0)
 * + D log 2 - D log 256, so -log P(v) <= E_u[bound] + D log 128 (Theis et al. 2016). For a conditional
 * model the bound is of p(x | y) with the batch's labels, as for the conditional VAE.
 */
final class VariationalBound {

    private final DiffusionTask task;

    VariationalBound(DiffusionTask task) {
        this.task = task;
    }

    /** Sums over the batch of "vlb_bpd" and "nvlb_nats" with {@code strata} timesteps per image. */
    Map<String, Double> sums(NDManager manager, Batch batch, int strata) {
        DiffusionConfig cfg = task.config();
        NoiseSchedule schedule = task.schedule();
        ScheduleTables tables = task.tables();
        int steps = schedule.timesteps();
        int k = Math.min(strata, steps);
        int b = batch.size();
        int dims = cfg.dims();
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x0 = DiffusionTask.signed(Pixels.dequantize(batch.pixels())); // (B, C, H, W)
        NDArray labels = labels(batch, manager);

        double abT = schedule.alphaBar(steps - 1);
        float[] prior = x0.square().mul((float) abT).sub((float) (abT + Math.log(1 - abT))).mul(0.5f)
                .reshape(b, -1).sum(new int[] {1}).toFloatArray(); // (B) L_T in nats
        double[] total = new double[b];
        for (int i = 0; i < b; i++) {
            total[i] = prior[i];
        }
        for (int j = 0; j < k; j++) {
            long lo = (long) j * steps / k;
            long size = (long) (j + 1) * steps / k - lo;
            try (NDManager m = manager.newSubManager()) {
                NDArray x = local(x0, m);
                NDArray t = m.randomUniform(0f, 1f, new Shape(b)).mul((float) size).add((float) lo).floor()
                        .clip(lo, lo + size - 1).toType(DataType.INT32, false);
                NDArray eps = m.randomNormal(x.getShape());
                NDArray a = tables.sqrtAlphaBar(t);
                NDArray s = tables.sqrtOneMinusAlphaBar(t);
                NDArray xt = x.mul(a).add(eps.mul(s));
                NDArray out = task.network().predict(ps, xt, t.toType(DataType.FLOAT32, false),
                        labels == null ? null : local(labels, m), false);
                NDArray x0Hat = cfg.prediction() == DiffusionConfig.Prediction.EPSILON
                        ? xt.sub(out.mul(s)).div(a) // (x_t - sqrt(1 - abar) eps) / sqrt(abar)
                        : xt.mul(a).sub(out.mul(s)); // sqrt(abar) x_t - sqrt(1 - abar) v
                NDArray err = x.sub(x0Hat).square().reshape(b, -1).sum(new int[] {1}); // (B)
                NDArray term = err.mul(tables.vlbWeight(t).reshape(b)).add(tables.vlbConst(t).reshape(b).mul(dims));
                float[] tm = term.toFloatArray();
                for (int i = 0; i < b; i++) {
                    total[i] += size * (double) tm[i];
                }
            }
        }
        double toBits = 1 / (dims * Math.log(2));
        double jacobian = dims * Math.log(128);
        double nats = 0;
        double bpd = 0;
        for (int i = 0; i < b; i++) {
            double n8 = total[i] + jacobian;
            nats += n8;
            bpd += n8 * toBits;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("vlb_bpd", bpd);
        out.put("nvlb_nats", nats);
        return out;
    }

    /** The labels to condition on: the batch's for a conditional model (int32), else null. */
    private NDArray labels(Batch batch, NDManager manager) {
        if (!task.config().conditional()) {
            return null;
        }
        if (!batch.hasLabels()) {
            throw new IllegalArgumentException("the bound of a class-conditional diffusion model needs labels");
        }
        return batch.labels().toType(DataType.INT32, true);
    }

    /** A copy of {@code a} owned by {@code m}, so that every op on it stays in m. */
    private static NDArray local(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }
}
