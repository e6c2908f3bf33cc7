package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * Arithmetic with constants that is safe to differentiate. <b>Use these instead of
 * {@code x.mul(2f)}, {@code x.div(2f)}, {@code x.maximum(0f)}, {@code x.pow(2f)} and DJL's
 * {@code Activation.swish} on anything that requires a gradient.</b>
 *
 * <p>Why: DJL 0.36's PyTorch engine turns a {@code Number} operand into a 0-d tensor that wraps a Java
 * direct buffer without copying ({@code from_blob}), runs the op, and closes the wrapper at once. For
 * ops whose backward needs that operand (mul, div, maximum, minimum, pow), PyTorch's autograd keeps the
 * tensor, whose memory the garbage collector frees and reuses before {@code backward()} reads it:
 * gradients come out as garbage (1e20, NaN) at random steps. Measured here: {@code x.mul(3f)} followed by
 * a GC and some allocations gave a wrong gradient in 190 of 200 trials; the same product with a scalar
 * from {@link #scalar} (memory owned by PyTorch) in 0 of 200. Addition and subtraction of a Number are
 * safe (their backward does not read the operand), as is every op on tensors that need no gradient.
 */
public final class Ops {

    private Ops() {}

    /** A 0-d tensor holding {@code value}, allocated by the engine (not wrapping Java memory). */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }

    /**
     * An engine-owned copy of host values (a mask, a table): {@code manager.create(float[])} wraps a Java
     * direct buffer that lives only as long as its Java array object, so an op that saves such an array for
     * backward reads freed memory once the array was closed early (as {@link Scope} does) and collected.
     */
    public static NDArray constant(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    /** x * v. */
    public static NDArray mul(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.mul(s);
        }
    }

    /** x / v. */
    public static NDArray div(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.div(s);
        }
    }

    /** max(x, v), elementwise. */
    public static NDArray maximum(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.maximum(s);
        }
    }

    /** min(x, v), elementwise. */
    public static NDArray minimum(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.minimum(s);
        }
    }

    /** x^v, elementwise. */
    public static NDArray pow(NDArray x, double v) {
        try (NDArray s = scalar(x, v)) {
            return x.pow(s);
        }
    }

    /** Soft clamp c tanh(x / c): the identity near 0 (slope 1), bounded by +-c. */
    public static NDArray softClamp(NDArray x, double c) {
        return mul(div(x, c).tanh(), c);
    }

    /** softplus(x) = log(1 + e^x), computed stably as max(x, 0) + log(1 + e^-|x|). */
    public static NDArray softplus(NDArray x) {
        return maximum(x, 0).add(x.abs().neg().exp().add(1f).log());
    }

    /** SiLU(x) = x * sigmoid(x) (Elfwing et al. 2018; "swish" with beta = 1). */
    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** A parameter-free block applying {@link #silu}. */
    public static Block siluBlock() {
        return new LambdaBlock(list -> new NDList(silu(list.singletonOrThrow())), "SiLU");
    }
}
