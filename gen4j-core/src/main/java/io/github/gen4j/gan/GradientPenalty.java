package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;

/**
 * Penalties on the gradient of the discriminator with respect to its input, which need second-order
 * gradients: the penalty is a function of grad_x D(x), and its own gradient with respect to D's weights
 * goes through that gradient's graph.
 *
 * <p>DJL has no {@code autograd.grad}; the PyTorch engine's {@code backward(create_graph = true)} fills
 * {@code x.grad} with a differentiable tensor, as used here. That backward also adds into every D
 * parameter's gradient: call {@link #zeroGradients} after the penalties are built and before the real
 * backward. Must run inside an open {@code GradientCollector}.
 */
public final class GradientPenalty {

    private static final float EPS = 1e-12f;

    private GradientPenalty() {}

    /**
     * grad_x sum_i scores_i, shape of x: the per-sample input gradients (scores of a sample depend on that
     * sample only). {@code x} must have been marked {@code setRequiresGradient(true)} before the forward.
     * The result is differentiable with respect to D's parameters.
     */
    public static NDArray inputGradient(NDArray scores, NDArray x) {
        NDArray one = scores.getManager().ones(new Shape(), scores.getDataType(), scores.getDevice());
        JniUtils.backward((PtNDArray) scores.sum(), (PtNDArray) one, true, true);
        return x.getGradient();
    }

    /** Per-sample L2 norm of a gradient (B, ...) -> (B); the epsilon keeps sqrt differentiable at 0. */
    public static NDArray norms(NDArray grad) {
        long b = grad.getShape().get(0);
        return grad.reshape(b, -1).square().sum(new int[] {1}).add(EPS).sqrt();
    }

    /**
     * WGAN-GP (Gulrajani et al. 2017, eq. 3): E (||grad D(x^)||_2 - 1)^2 at x^ = e x + (1 - e) G(z), e ~ U[0, 1]
     * per sample, given the gradient at x^. Returns the scalar penalty (without lambda).
     */
    public static NDArray wgan(NDArray gradAtMix) {
        return norms(gradAtMix).sub(1f).square().mean();
    }

    /** R1 (Mescheder et al. 2018, eq. 9): E ||grad D(x)||^2 on real x (without gamma / 2). */
    public static NDArray r1(NDArray gradAtReal) {
        long b = gradAtReal.getShape().get(0);
        return gradAtReal.reshape(b, -1).square().sum(new int[] {1}).mean();
    }

    /**
     * The interpolates x^ = e x + (1 - e) f with one e ~ U[0, 1) per sample, as a fresh leaf that requires
     * a gradient. x and f: (B, ...), without gradient history.
     */
    public static NDArray interpolate(NDArray real, NDArray fake) {
        Shape s = real.getShape();
        long[] dims = new long[s.dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = s.get(0);
        NDArray e = real.getManager().randomUniform(0f, 1f, new Shape(dims), real.getDataType(), real.getDevice());
        NDArray mix = real.mul(e).add(fake.mul(e.neg().add(1f))).stopGradient();
        mix.setRequiresGradient(true);
        return mix;
    }

    /**
     * Sets the gradient of every trainable parameter of {@code net} to zero in place (after a first-order
     * backward that only served to build a penalty). Parameters must have had a backward already.
     */
    public static void zeroGradients(Block net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
            }
        }
    }
}
