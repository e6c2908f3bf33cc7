package io.github.gen4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Kingma & Ba 2015; Loshchilov & Hutter 2019), global-norm gradient
 * clipping, and a state that can be checkpointed.
 *
 * <p>Why not DJL's {@code Adam}: its moment estimates are private and cannot be saved, and resuming a
 * run must reproduce the uninterrupted run exactly, which needs the moments and the step count.
 *
 * <p>Update for each parameter p with gradient g at step t (1-based):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps) + lr wd p.
 */
public final class AdamW {

    private static final double EPS = 1e-8;

    private final String name;
    private final List<Pair<String, Parameter>> params;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    /**
     * @param params the parameters, each with a checkpoint key unique within this optimizer
     * @param stateManager the long-lived manager that owns the moment estimates
     */
    public AdamW(
            String name,
            List<Pair<String, Parameter>> params,
            double beta1,
            double beta2,
            double weightDecay,
            NDManager stateManager) {
        this.name = name;
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        for (Pair<String, Parameter> p : this.params) {
            NDArray w = p.getValue().getArray();
            m.put(p.getKey(), stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            v.put(p.getKey(), stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    public String name() {
        return name;
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return t;
    }

    /**
     * Applies one update from the gradients accumulated in the parameters, then zeroes them.
     *
     * @param lr the learning rate for this step
     * @param clip maximum global gradient L2 norm, 0 = no clipping
     * @return the global gradient norm before clipping
     * @throws NonFiniteException if the gradient norm is NaN or infinite; nothing is updated then
     */
    public double step(NDManager scope, double lr, double clip) {
        double norm;
        // Temporaries must not land on the parameters' or state's long-lived managers: the gradients'
        // handles are attached to a short-lived sub-manager, so the norms computed from them land there
        // too; the update itself works in place.
        try (NDManager s = scope.newSubManager()) {
            List<NDArray> grads = new ArrayList<>(params.size());
            NDList norms = new NDList(params.size());
            for (Pair<String, Parameter> p : params) {
                NDArray g = p.getValue().getArray().getGradient();
                g.attach(s);
                grads.add(g);
                norms.add(g.norm()); // one native call per parameter (as torch's clip_grad_norm_)
            }
            // the global norm is the norm of the per-parameter norms
            norm = norms.isEmpty() ? 0 : NDArrays.stack(norms).norm().getFloat();
            if (!Double.isFinite(norm)) {
                String where = nonFiniteParams(grads);
                zeroGrad();
                throw new NonFiniteException("gradient norm of optimizer '" + name + "' is " + norm + where);
            }
            double scale = clip > 0 && norm > clip ? clip / norm : 1.0;
            t++;
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            // One fused native update per parameter (DJL's adamUpdate: m = b1 m + (1-b1) g',
            // v = b2 v + (1-b2) g'^2, w -= lr wd w, w -= lr_t m / (sqrt(v) + eps_t), g' = scale g), with the
            // bias corrections folded into the step size and epsilon as in Kingma & Ba's section 2:
            // lr_t = lr sqrt(bc2) / bc1 and eps_t = eps sqrt(bc2) give exactly lr m^ / (sqrt(v^) + eps).
            // Its clip_grad argument is an elementwise clamp, not a norm clip: off (-1); the global-norm
            // clip is the rescale factor. Without weight decay, its non-AdamW branch (g' += 0 * w: one op)
            // is cheaper than the AdamW branch (w -= lr * 0 * w: three ops on every weight).
            float lrT = (float) (lr * Math.sqrt(bc2) / bc1);
            float epsT = (float) (EPS * Math.sqrt(bc2));
            for (int i = 0; i < params.size(); i++) {
                String key = params.get(i).getKey();
                PtNDArray w = (PtNDArray) params.get(i).getValue().getArray();
                JniUtils.adamUpdate(w, (PtNDArray) grads.get(i), (PtNDArray) m.get(key), (PtNDArray) v.get(key),
                        (float) lr, lrT, (float) weightDecay, (float) scale, -1f, (float) beta1, (float) beta2,
                        epsT, weightDecay > 0);
            }
        }
        zeroGrad();
        return norm;
    }

    /** Names the parameters whose gradients hold NaN/Inf (or overflow when squared), for the message. */
    private String nonFiniteParams(List<NDArray> grads) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < grads.size() && shown < 3; i++) {
            NDArray g = grads.get(i);
            float maxAbs = g.abs().max().getFloat();
            if (!Float.isFinite(maxAbs) || maxAbs > 1e18f) {
                sb.append(shown == 0 ? " (in " : ", ").append(params.get(i).getKey()).append(": max |g| = ")
                        .append(maxAbs);
                shown++;
            }
        }
        return shown == 0 ? "" : sb.append(')').toString();
    }

    /** Sets every parameter's gradient to zero (also NaN ones, which {@code g - g} would not). */
    public void zeroGrad() {
        for (Pair<String, Parameter> p : params) {
            JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
        }
    }

    /** Adds the state to {@code out} as arrays named {@code opt/NAME/m/KEY}, {@code .../v/KEY}. */
    public void save(NDList out, NDManager manager) {
        for (Pair<String, Parameter> p : params) {
            out.add(named(m.get(p.getKey()), "opt/" + name + "/m/" + p.getKey(), manager));
            out.add(named(v.get(p.getKey()), "opt/" + name + "/v/" + p.getKey(), manager));
        }
    }

    /** Restores the state saved by {@link #save}. */
    public void load(Map<String, NDArray> arrays, long stepCount, String source) {
        for (Pair<String, Parameter> p : params) {
            copyInto(arrays, "opt/" + name + "/m/" + p.getKey(), m.get(p.getKey()), source);
            copyInto(arrays, "opt/" + name + "/v/" + p.getKey(), v.get(p.getKey()), source);
        }
        this.t = stepCount;
    }

    static NDArray named(NDArray a, String name, NDManager manager) {
        NDArray c = a.duplicate();
        c.attach(manager);
        c.setName(name);
        return c;
    }

    static void copyInto(Map<String, NDArray> arrays, String key, NDArray target, String source) {
        NDArray a = arrays.get(key);
        if (a == null) {
            throw new CheckpointException(source + ": missing array '" + key + "'");
        }
        if (!a.getShape().equals(target.getShape())) {
            throw new CheckpointException(source + ": array '" + key + "' has shape " + a.getShape()
                    + " but the model expects " + target.getShape());
        }
        a.copyTo(target);
    }
}
