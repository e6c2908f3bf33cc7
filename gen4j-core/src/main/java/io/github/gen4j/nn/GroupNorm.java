package io.github.gen4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalization (Wu & He 2018): the channels of each image are split into G groups and every group
 * is normalized to zero mean and unit variance over its channels and pixels, then scaled and shifted per
 * channel. Unlike batch norm it does not depend on the batch, so training and sampling (batch 1) agree.
 * DJL has no GroupNorm block, hence this one.
 *
 * <pre>
 * x (B, C, H, W) -> (B, G, C/G * H * W) -> (x - mean) / sqrt(var + eps) -> (B, C, H, W) * gamma + beta
 * </pre>
 * gamma and beta are stored as (1, C, 1, 1) so that every op has the activation as its first operand
 * (a DJL result is attached to its first operand's manager: an op on a weight would leak into the
 * model's manager). The number of groups is {@code gcd(groups, C)}, so any channel count works.
 */
public final class GroupNorm extends AbstractBlock {

    private final int groups;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;
    private int effectiveGroups;

    /** @param groups the desired number of groups (32 in the paper; reduced to a divisor of C) */
    public GroupNorm(int groups) {
        this(groups, 1e-5f);
    }

    public GroupNorm(int groups, float eps) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        this.groups = groups;
        this.eps = eps;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
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
        Shape s = x.getShape();
        long c = s.get(1);
        int g = effectiveGroups > 0 ? effectiveGroups : groupsFor(groups, c);
        NDArray grouped = x.reshape(s.get(0), g, -1); // (B, G, C/G*H*W)
        NDArray mean = grouped.mean(new int[] {2}, true); // (B, G, 1)
        NDArray centred = grouped.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(var.add(eps).sqrt()).reshape(s);
        NDArray w = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        return new NDList(normed.mul(w).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
