package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One invertible layer of a normalizing flow: a bijection f with a tractable Jacobian determinant.
 *
 * <p>The change of variables (Dinh et al. 2017, eq. 3): for y = f(x), log p_X(x) = log p_Y(y) +
 * log |det df/dx|. Every layer returns that log-determinant per image, so a stack of layers gives the
 * exact log-likelihood as the prior's log-density plus the sum of the layers' log-determinants.
 *
 * <p>Shapes: the input is (B, C, H, W) with the (C, H, W) given at construction ({@link #inputShape});
 * {@code cond} is a one-hot class vector (B, K) or null, used only by conditional priors. As a DJL
 * {@code Block}, {@code forward} takes (x[, cond]) and returns (y, logdet).
 */
public abstract class FlowLayer extends AbstractBlock {

    /** y = f(x) with log |det df/dx| per image, (B). */
    public record Result(NDArray y, NDArray logDet) {}

    private final Shape inputShape;

    protected FlowLayer(Shape inputShape) {
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException("flow layers take (C, H, W), got " + inputShape);
        }
        this.inputShape = inputShape;
    }

    /** The (C, H, W) this layer was built for. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The (C, H, W) of its output (the same as the input except for {@link Squeeze}). */
    public Shape outputShape() {
        return inputShape;
    }

    /** The data -> latent direction: y = f(x) and log |det df/dx| per image. */
    public abstract Result forward(ParameterStore ps, NDArray x, NDArray cond);

    /** The latent -> data direction: x = f^-1(y). */
    public abstract NDArray inverse(ParameterStore ps, NDArray y, NDArray cond);

    /** Initializes the parameters for its input shape (data-independent part). */
    public void initialize(NDManager manager) {
        Shape in = new Shape(1, inputShape.get(0), inputShape.get(1), inputShape.get(2));
        initialize(manager, DataType.FLOAT32, in);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Result r = forward(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null);
        return new NDList(r.y(), r.logDet());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        Shape o = outputShape();
        return new Shape[] {new Shape(b, o.get(0), o.get(1), o.get(2)), new Shape(b)};
    }

    /**
     * The value of a layer's own parameter, for computing with {@code like}. Results of DJL ops attach to
     * their first operand's manager, so arithmetic that starts from a long-lived weight (e.g. exp(s)) would
     * leave one array per call on the model's manager. This returns a view of w (no copy: one native call
     * and a cheap backward node) owned by {@code like}'s short-lived manager instead: the same values,
     * differentiable with respect to w, and everything computed from it is freed with that manager.
     * Read-only: it shares w's storage, so an in-place op on it would change the weight.
     */
    protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        NDArray w = ps.getValue(p, like.getDevice(), training);
        NDArray view = w.reshape(w.getShape());
        view.attach(like.getManager());
        return view;
    }

    /** A (B) vector of zeros for layers whose log-determinant vanishes. */
    protected static NDArray zeroLogDet(NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0)), DataType.FLOAT32, x.getDevice());
    }

    /** Sum over all axes but the batch axis: (B, ...) -> (B). */
    protected static NDArray sumPerImage(NDArray a) {
        return a.reshape(a.getShape().get(0), -1).sum(new int[] {1});
    }

    protected long channels() {
        return inputShape.get(0);
    }

    protected long height() {
        return inputShape.get(1);
    }

    protected long width() {
        return inputShape.get(2);
    }
}
