package io.github.gen4j.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Spectral normalization (Miyato et al. 2018, "Spectral Normalization for GANs", Algorithm 1).
 *
 * <p>A weight W of shape (O, ...) is viewed as a matrix (O, I) and divided by an estimate of its largest
 * singular value sigma(W), so every layer is (about) 1-Lipschitz and so is the discriminator. sigma is
 * estimated by power iteration with a persistent left vector u (O): one iteration per training forward,
 * v = W^T u / ||W^T u||, u = W v / ||W v||, sigma = u^T W v. u and v are constants for the gradient
 * (as in the paper and PyTorch's {@code spectral_norm}); the gradient flows through W in W / sigma.
 *
 * <p>u is a non-trained {@link Parameter} ({@code requiresGrad = false}): checkpoints save and restore
 * it with the weights, so a resumed run continues the same power iteration, and no optimizer touches it.
 */
final class SpectralNorm {

    private static final float EPS = 1e-12f;

    private SpectralNorm() {}

    /** The persistent power-iteration vector u for a weight with {@code rows} output units. */
    static Parameter vector(long rows) {
        return Parameter.builder().setName("sn_u").setType(Parameter.Type.OTHER).optShape(new Shape(rows))
                .optInitializer(new NormalInitializer(1f)).optRequiresGrad(false).build();
    }

    /**
     * W / sigma(W), created on {@code scope} (never on the weight's long-lived manager). With
     * {@code update}, one power iteration is taken first and u is overwritten in place.
     *
     * @param w the weight (O, ...), differentiable
     * @param u the persistent vector (O)
     */
    static NDArray normalize(NDManager scope, NDArray w, NDArray u, boolean update) {
        long rows = w.getShape().get(0);
        // results of an op live on its first operand's manager: start from a scope array so that no
        // temporary lands on the weight's manager (ws = 1 * w keeps the gradient path to w)
        NDArray one = scope.ones(new Shape(1), w.getDataType(), w.getDevice());
        NDArray ws = one.mul(w);
        NDArray mat = ws.reshape(rows, -1); // (O, I)
        NDArray fixed = mat.stopGradient(); // power iteration is not differentiated
        NDArray uCol = one.mul(u).reshape(rows, 1); // (O, 1)
        NDArray v = unit(fixed.transpose().matMul(uCol)); // (I, 1)
        if (update) {
            uCol = unit(fixed.matMul(v)); // (O, 1)
            uCol.reshape(rows).copyTo(u);
        }
        NDArray sigma = uCol.transpose().matMul(mat).matMul(v).reshape(new Shape()); // u^T W v, scalar
        return ws.div(sigma);
    }

    /** The current estimate sigma(W) = u^T W v with v = W^T u / ||W^T u|| (no update), for monitoring. */
    static double sigma(NDManager scope, NDArray w, NDArray u) {
        long rows = w.getShape().get(0);
        NDArray one = scope.ones(new Shape(1), w.getDataType(), w.getDevice());
        NDArray mat = one.mul(w).reshape(rows, -1).stopGradient();
        NDArray uCol = one.mul(u).reshape(rows, 1);
        NDArray v = unit(mat.transpose().matMul(uCol));
        return uCol.transpose().matMul(mat).matMul(v).getFloat();
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum().sqrt().add(EPS));
    }
}
