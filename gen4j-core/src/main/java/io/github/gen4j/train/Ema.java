package io.github.gen4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of weights, used for sampling (Polyak averaging; as in DDPM, BigGAN and
 * most modern generators, the averaged weights give visibly better samples than the last iterate).
 *
 * <p>ema = d ema + (1 - d) w with the warm-up d_t = min(d, (1 + t) / (10 + t)), so early averages are
 * not dominated by the random initialization.
 */
public final class Ema {

    private final double decay;
    private final List<Pair<String, Parameter>> params;
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();
    private boolean swapped;

    public Ema(double decay, List<Pair<String, Parameter>> params, NDManager stateManager) {
        this.decay = decay;
        this.params = List.copyOf(params);
        for (Pair<String, Parameter> p : this.params) {
            NDArray c = p.getValue().getArray().duplicate();
            c.attach(stateManager);
            shadow.put(p.getKey(), c);
        }
    }

    /**
     * Folds the current weights into the average after optimizer step {@code step} (0-based).
     *
     * <p>One native call per parameter: the engine's fused SGD update with momentum 0 computes, without
     * recording gradients, {@code e -= lr (rescale g + wd e)}; with g = w, lr = 1, wd = 1 - d and
     * rescale = -(1 - d) that is e - (1 - d)(e - w) = d e + (1 - d) w, the average. Written as DJL ops
     * ({@code e.muli(d).addi(w.mul(1 - d))}) it took five to eight JNI calls per parameter (two host scalars
     * and the closing of temporaries included), about 1,400 per step for the Glow's 180 parameters (issue 14).
     */
    public void update(long step) {
        double d = Math.min(decay, (1.0 + step) / (10.0 + step));
        float keep = (float) (1 - d);
        for (Pair<String, Parameter> p : params) {
            PtNDArray w = (PtNDArray) p.getValue().getArray();
            PtNDArray e = (PtNDArray) shadow.get(p.getKey());
            // no momentum state (momentum 0); clip -1: no elementwise clamp
            JniUtils.sgdUpdate(e, w, null, 1f, keep, -keep, -1f, 0f);
        }
    }

    /**
     * Puts the averaged weights into the model until {@link #swapOut} (for sampling and evaluation).
     * Calling it twice without swapping out is an error.
     */
    public void swapIn(NDManager scope) {
        if (swapped) {
            throw new IllegalStateException("EMA weights are already swapped in");
        }
        swap(scope);
        swapped = true;
    }

    /** Restores the training weights after {@link #swapIn}. */
    public void swapOut(NDManager scope) {
        if (!swapped) {
            throw new IllegalStateException("EMA weights are not swapped in");
        }
        swap(scope);
        swapped = false;
    }

    private void swap(NDManager scope) {
        try (NDManager s = scope.newSubManager()) {
            for (Pair<String, Parameter> p : params) {
                NDArray w = p.getValue().getArray();
                NDArray e = shadow.get(p.getKey());
                s.tempAttachAll(w, e);
                NDArray tmp = w.duplicate();
                e.copyTo(w);
                tmp.copyTo(e);
            }
        }
    }

    /** Adds the averages to {@code out} as arrays named {@code ema/KEY}. */
    public void save(NDList out, NDManager manager) {
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            out.add(AdamW.named(e.getValue(), "ema/" + e.getKey(), manager));
        }
    }

    /** Restores the averages saved by {@link #save}. */
    public void load(Map<String, NDArray> arrays, String source) {
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            AdamW.copyInto(arrays, "ema/" + e.getKey(), e.getValue(), source);
        }
    }
}
