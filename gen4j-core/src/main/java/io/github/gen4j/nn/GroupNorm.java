package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Group normalization (Wu & He 2018), optionally followed by SiLU: the channels of each image are split
 * into G groups and every group is normalized to zero mean and unit variance over its channels and
 * pixels, then scaled and shifted per channel. Unlike batch norm it does not depend on the batch, so
 * training and sampling (batch 1) agree.
 *
 * <pre>
 * x (B, C, H, W) -> (B, G, C/G * H * W) -> (x - mean) / sqrt(var + eps) -> (B, C, H, W) * gamma + beta
 *   [-> SiLU]
 * </pre>
 * DJL has neither a group norm nor a SiLU op; written as DJL ops the pair costs about ten kernels forward
 * and as many backward per layer (38% of a U-Net step, issue 14). So the arithmetic runs in PyTorch's
 * native {@code group_norm} and {@code silu} through a small TorchScript module ({@link #KERNEL}, made by
 * {@code src/main/torchscript/group_norm_act.py}), called as a DJL {@code PtSymbolBlock} inside the same
 * autograd graph: gradients reach x, gamma and beta. gamma and beta stay this block's parameters, stored
 * as (1, C, 1, 1). The number of groups is {@code gcd(groups, C)}, so any channel count works.
 */
public final class GroupNorm extends AbstractBlock {

    /** The TorchScript module, a resource of this package. */
    static final String KERNEL = "group_norm_act.pt";

    private final int groups;
    private final float eps;
    private final boolean silu;
    private final Parameter gamma;
    private final Parameter beta;
    private int effectiveGroups;

    /** @param groups the desired number of groups (32 in the paper; reduced to a divisor of C) */
    public GroupNorm(int groups) {
        this(groups, 1e-5f, false);
    }

    /**
     * @param groups the desired number of groups (reduced to a divisor of C)
     * @param eps added to the variance
     * @param silu whether SiLU(y) = y sigmoid(y) follows the affine (one fused call)
     */
    public GroupNorm(int groups, float eps, boolean silu) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        this.groups = groups;
        this.eps = eps;
        this.silu = silu;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    /** GroupNorm followed by SiLU, in one fused call. */
    public static GroupNorm withSilu(int groups) {
        return new GroupNorm(groups, 1e-5f, true);
    }

    /** The number of groups used for {@code channels} channels: gcd(groups, channels). */
    public static int groupsFor(int groups, long channels) {
        long a = groups;
        long b = channels;
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return (int) a;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long c = inputShapes[0].get(1);
        effectiveGroups = groupsFor(groups, c);
        gamma.setShape(new Shape(1, c, 1, 1));
        beta.setShape(new Shape(1, c, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        int g = effectiveGroups > 0 ? effectiveGroups : groupsFor(groups, x.getShape().get(1));
        NDManager m = x.getManager();
        try (NDArray gs = m.create((long) g);
                NDArray act = m.create(silu ? 1L : 0L);
                NDArray e = m.create(eps)) {
            // always in training mode: DJL runs a symbol block called for inference under a no-grad guard,
            // which would cut the graph of a caller that differentiates through an eval-mode network (the
            // module has no mode-dependent parts; outside a GradientCollector nothing is recorded anyway)
            NDList out = Kernel.module().forward(ps, new NDList(x, w, b, gs, act, e), true);
            return new NDList(out.singletonOrThrow());
        }
    }

    /** The TorchScript module, loaded once per process on first use. */
    private static final class Kernel {
        private static PtSymbolBlock module;

        static synchronized PtSymbolBlock module() {
            if (module == null) {
                try (InputStream in = GroupNorm.class.getResourceAsStream(KERNEL)) {
                    if (in == null) {
                        throw new IllegalStateException("gen4j jar is missing " + KERNEL + " (io/github/gen4j/nn)");
                    }
                    // owned by a base manager that lives as long as the process: the module is shared by
                    // every GroupNorm of every model
                    module = JniUtils.loadModule((PtNDManager) NDManager.newBaseManager(), in, false, false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + KERNEL + " from the gen4j jar", e);
                }
            }
            return module;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
