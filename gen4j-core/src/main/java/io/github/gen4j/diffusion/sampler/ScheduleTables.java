package io.github.gen4j.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A {@link NoiseSchedule}'s per-timestep tables on a device, created once and owned by a long-lived
 * manager: sqrt(abar), sqrt(1 - abar) and the variational-bound weights, each (T, 1) float32.
 *
 * <p>Lookups for a batch of timesteps are a one-hot product, {@code onehot(t) (B, T) x table (T, 1)}:
 * exact (a sum of one product and zeros), and its result belongs to the batch's manager, because in DJL
 * the result of an op is attached to its first operand's manager; a plain gather on the table would
 * attach every per-step result to the long-lived manager and leak.
 */
public final class ScheduleTables {

    private final NoiseSchedule schedule;
    private final NDArray sqrtAlphaBar;
    private final NDArray sqrtOneMinusAlphaBar;
    private final NDArray vlbWeight;
    private final NDArray vlbConst;

    ScheduleTables(NoiseSchedule schedule, NDManager manager) {
        this.schedule = schedule;
        int n = schedule.timesteps();
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) Math.sqrt(schedule.alphaBar(i));
            b[i] = (float) Math.sqrt(1 - schedule.alphaBar(i));
        }
        double[][] wc = schedule.vlbWeights();
        sqrtAlphaBar = manager.create(a).reshape(n, 1);
        sqrtOneMinusAlphaBar = manager.create(b).reshape(n, 1);
        vlbWeight = manager.create(toFloat(wc[0])).reshape(n, 1);
        vlbConst = manager.create(toFloat(wc[1])).reshape(n, 1);
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** sqrt(abar_t) for timesteps t (B) int32, as (B, 1, 1, 1) on t's manager. */
    public NDArray sqrtAlphaBar(NDArray t) {
        return lookup(sqrtAlphaBar, t);
    }

    /** sqrt(1 - abar_t) for timesteps t (B), as (B, 1, 1, 1). */
    public NDArray sqrtOneMinusAlphaBar(NDArray t) {
        return lookup(sqrtOneMinusAlphaBar, t);
    }

    /** The bound's w_t (see {@link NoiseSchedule#vlbWeights}), as (B, 1, 1, 1). */
    public NDArray vlbWeight(NDArray t) {
        return lookup(vlbWeight, t);
    }

    /** The bound's c_t (see {@link NoiseSchedule#vlbWeights}), as (B, 1, 1, 1). */
    public NDArray vlbConst(NDArray t) {
        return lookup(vlbConst, t);
    }

    /**
     * The forward process in closed form, x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps (Ho et al. 2020,
     * eq. 4): x0 and eps (B, C, H, W), t (B) int32.
     */
    public NDArray addNoise(NDArray x0, NDArray eps, NDArray t) {
        return x0.mul(sqrtAlphaBar(t)).add(eps.mul(sqrtOneMinusAlphaBar(t)));
    }

    private NDArray lookup(NDArray table, NDArray t) {
        long b = t.getShape().get(0);
        NDArray oneHot = t.oneHot(schedule.timesteps()).toType(DataType.FLOAT32, false); // (B, T)
        return oneHot.matMul(table).reshape(b, 1, 1, 1);
    }
}
