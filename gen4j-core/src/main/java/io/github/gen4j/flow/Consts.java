package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with constants that is safe under autograd. DJL 0.36's PyTorch engine computes
 * {@code x.mul(3f)} (likewise {@code div}, {@code pow} and {@code maximum} with a number) by wrapping the
 * number in a tensor over a Java direct buffer and closing it right away; autograd keeps that tensor for
 * the backward pass, and once the garbage collector has freed the buffer the gradient reads freed memory.
 * Checked on this machine: with a {@code System.gc()} between forward and backward, the gradient of
 * {@code x.mul(3f)} came out as 1.4e-45, -2.3e33 and -3.8e25 instead of 3. A constant made by
 * {@code NDManager.full} lives in native memory and is safe. ({@code add}/{@code sub} with a number are
 * safe: their backward does not need the number.) Every differentiable path in this package uses these.
 */
final class Consts {

    private Consts() {}

    /** A scalar (shape ()) in native memory on {@code like}'s manager and device. */
    static NDArray of(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType(), like.getDevice());
    }

    /** a * v. */
    static NDArray mul(NDArray a, double v) {
        return a.mul(of(a, v));
    }

    /** a / v. */
    static NDArray div(NDArray a, double v) {
        return a.div(of(a, v));
    }

    /** Soft clamp c tanh(a / c): the identity near 0 (slope 1), bounded by +-c. */
    static NDArray softClamp(NDArray a, double c) {
        return mul(div(a, c).tanh(), c);
    }
}
