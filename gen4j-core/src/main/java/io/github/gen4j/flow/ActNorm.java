package io.github.gen4j.flow;

import io.github.gen4j.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * Activation normalization (Kingma & Dhariwal 2018, Glow, sec. 3.1): a per-channel affine map
 * y = (x + b) * exp(s), with b, s (C) trained parameters.
 *
 * <p>log |det| = H * W * sum_c s_c (Glow, table 1). Data-dependent initialization: on the first batch,
 * b = -mean and s = -log(std) per channel, so that the output has zero mean and unit variance per
 * channel; afterwards b and s are ordinary parameters. Because the initialized values live in the
 * parameters themselves, a checkpoint keeps them and a resumed run does not initialize again (the
 * model-level flag saying "initialization is done" is kept as a parameter too, see {@link MultiScaleFlow#actNormsInitialized}).
 */
public final class ActNorm extends FlowLayer {

    /** Floor added to the standard deviation at initialization (constant channels stay finite). */
    static final float EPS = 1e-6f;

    private final Parameter bias;
    private final Parameter logScale;

    public ActNorm(Shape inputShape) {
        super(inputShape);
        Shape p = new Shape(1, channels(), 1, 1);
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(p)
                .optInitializer(Initializer.ZEROS).build());
        logScale = addParameter(Parameter.builder().setName("logScale").setType(Parameter.Type.OTHER).optShape(p)
                .optInitializer(Initializer.ZEROS).build());
    }

    @Override
    public Result forward(ParameterStore ps, NDArray x, NDArray cond) {
        NDArray b = value(ps, bias, x, true);
        NDArray s = value(ps, logScale, x, true);
        NDArray y = x.add(b).mul(s.exp());
        NDArray logDet = Ops.mul(s.sum(), height() * width()); // scalar, the same for every image
        return new Result(y, zeroLogDet(x).add(logDet));
    }

    @Override
    public NDArray inverse(ParameterStore ps, NDArray y, NDArray cond) {
        NDArray b = value(ps, bias, y, false);
        NDArray s = value(ps, logScale, y, false);
        return y.mul(s.neg().exp()).sub(b);
    }

    /**
     * Data-dependent initialization from {@code x} (B, C, H, W): b = -mean_c, s = -log(std_c + eps), over
     * the batch and spatial positions. Call outside a gradient collector (it writes the parameters in
     * place); {@code x} is not part of any graph afterwards.
     */
    public void initializeFrom(NDArray x) {
        long c = channels();
        NDArray perChannel = x.stopGradient().transpose(1, 0, 2, 3).reshape(c, -1); // (C, B*H*W)
        NDArray mean = perChannel.mean(new int[] {1});
        NDArray std = perChannel.sub(mean.reshape(c, 1)).square().mean(new int[] {1}).sqrt();
        mean.neg().reshape(1, c, 1, 1).copyTo(bias.getArray());
        std.add(EPS).log().neg().reshape(1, c, 1, 1).copyTo(logScale.getArray());
    }
}
