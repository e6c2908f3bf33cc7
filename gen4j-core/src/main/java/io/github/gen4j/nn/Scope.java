package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
}
