package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Frees a layer's intermediate arrays as soon as the layer returns.
 *
 * <p>DJL keeps every array an op creates until the manager it is attached to closes (a result is attached to
 * its first operand's manager). In a training step that is every intermediate of the forward pass, held
 * through backward until the step's manager closes; PyTorch frees at once whatever the graph does not save,
 * and the graph frees what it saved as backward consumes it. {@link #run} gives one layer a sub-manager of
 * its input's manager: the input is attached to it for the call, so everything the layer computes from it
 * lands there; the outputs are moved back to the input's manager, and the rest is closed on return.
 *
 * <p>Autograd is unaffected: the graph holds its own reference to every tensor it saved, and closing a Java
 * handle only drops the handle's reference (as {@link Ops} does with its scalars). The one hazard is a tensor
 * over Java memory ({@code manager.create(float[])}) that an op saves for backward: once closed and
 * collected, its memory is gone. Layers run in a scope create such constants with {@link Ops#constant}.
 */
public final class Scope {

    private Scope() {}

    /**
     * {@code layer} applied to {@code x}, its outputs owned by x's manager and every other array it created
     * from x already freed. Arrays the layer creates from other operands (parameters, a conditioning input)
     * land in their managers as usual.
     */
    public static NDList run(NDArray x, Function<NDArray, NDList> layer) {
        NDManager home = x.getManager();
        try (NDManager scope = home.newSubManager()) {
            x.tempAttach(scope);
            NDList out = layer.apply(x);
            out.attach(home);
            return out;
        }
    }

    /**
     * f of each range "from:to" of at most {@code chunk} rows out of n, the outputs concatenated along the
     * batch axis, position by position: a pass over n rows with the memory of one chunk when f runs its
     * network in a scope ({@link #run}). Only for computations whose rows are independent (no randomness,
     * no batch statistics), so that the result equals one pass over all n.
     */
    public static NDList inChunks(int n, int chunk, Function<String, NDList> f) {
        List<NDList> parts = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            parts.add(f.apply(from + ":" + Math.min(n, from + chunk)));
        }
        NDList out = new NDList();
        for (int i = 0; i < parts.get(0).size(); i++) {
            NDList column = new NDList();
            for (NDList p : parts) {
                column.add(p.get(i));
            }
            out.add(NDArrays.concat(column));
        }
        return out;
    }
}
