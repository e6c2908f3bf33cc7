package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.github.gen4j.nn.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A multi-scale normalizing flow (RealNVP / Glow) from dequantized images x in (0, 1) to a standard
 * normal latent z of the same dimension D = C * H * W:
 *
 * <pre>
 * x (B, C, H, W) -> Preprocess -> per level: [squeeze], steps, Split (factors out eps_l) -> ... -> TopPrior
 * z = concat(flatten(eps_0), ..., flatten(eps_top))   (B, D) ~ N(0, I)
 * log p(x) = log N(z; 0, I) + sum of every layer's log |det|          (exact)
 * </pre>
 * Built from a {@link FlowConfig} (see {@link FlowLayouts}). As a DJL block, forward takes
 * (x[, one-hot]) and returns (z, logdet). Also holds the optional {@link VariationalDequantizer} and a
 * fixed "ActNorm initialized" flag, a parameter so that checkpoints carry it.
 */
public final class MultiScaleFlow extends AbstractBlock {

    private final FlowConfig cfg;
    private final List<FlowLayer> layers;
    private final VariationalDequantizer dequantizer;
    private final Parameter initialized;

    public MultiScaleFlow(FlowConfig cfg) {
        this.cfg = cfg;
        List<FlowLayer> built = FlowLayouts.build(cfg);
        for (int i = 0; i < built.size(); i++) {
            FlowLayer l = built.get(i);
            addChildBlock(l.getClass().getSimpleName() + i, l);
        }
        this.layers = Collections.unmodifiableList(built);
        Shape image = new Shape(cfg.channels(), cfg.imageSize(), cfg.imageSize());
        this.dequantizer = cfg.dequantization() == FlowConfig.Dequantization.VARIATIONAL
                ? addChildBlock("dequantizer", new VariationalDequantizer(image, Math.min(cfg.hidden(), 64),
                        cfg.scaleClamp()))
                : null;
        this.initialized = addParameter(Parameter.builder().setName("actNormInitialized")
                .setType(Parameter.Type.OTHER).optShape(new Shape(1)).optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false).build());
    }

    public FlowConfig config() {
        return cfg;
    }

    /** The bijections in data -> latent order (the first is {@link Preprocess}). */
    public List<FlowLayer> layers() {
        return layers;
    }

    /** The variational dequantizer, or null for uniform dequantization. */
    public VariationalDequantizer dequantizer() {
        return dequantizer;
    }

    /** Initializes every parameter (data-independent part; ActNorm waits for {@link #initializeActNorms}). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (FlowLayer l : layers) {
            l.initialize(manager);
        }
        if (dequantizer != null) {
            dequantizer.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /** z (B, D) and log |det dz/dx| (B) for x (B, C, H, W) in (0, 1). */
    public FlowLayer.Result encode(ParameterStore ps, NDArray x, NDArray cond) {
        return run(ps, x, cond, false);
    }

    /** x = f^-1(z) for z (B, D); (B, C, H, W). */
    public NDArray decode(ParameterStore ps, NDArray z, NDArray cond) {
        long b = z.getShape().get(0);
        List<Long> sizes = latentSizes();
        long[] cuts = new long[sizes.size() - 1];
        long at = 0;
        for (int i = 0; i < cuts.length; i++) {
            at += sizes.get(i);
            cuts[i] = at;
        }
        NDList parts = z.split(cuts, 1);
        int next = parts.size() - 1;
        FlowLayer top = layers.get(layers.size() - 1);
        NDArray h = parts.get(next--).reshape(batchShape(b, top.outputShape()));
        for (int i = layers.size() - 1; i >= 0; i--) {
            FlowLayer l = layers.get(i);
            if (l instanceof Split s) {
                Shape in = s.inputShape();
                NDArray eps = parts.get(next--).reshape(b, in.get(0) - s.keptChannels(), in.get(1), in.get(2));
                h = h.concat(eps, 1);
            }
            h = Scope.run(h, y -> new NDList(l.inverse(ps, y, cond))).singletonOrThrow();
        }
        return h;
    }

    /**
     * Data-dependent ActNorm initialization (Glow, sec. 3.1): one forward pass over {@code x} in which
     * every ActNorm first sets its bias and scale from the batch it receives, then sets the flag. Call
     * outside a gradient collector.
     */
    public void initializeActNorms(ParameterStore ps, NDArray x, NDArray cond) {
        run(ps, x, cond, true);
        try (NDManager tmp = x.getManager().newSubManager()) {
            tmp.ones(new Shape(1)).copyTo(initialized.getArray());
        }
    }

    /** True once {@link #initializeActNorms} has run (for this model or the checkpoint it was loaded from). */
    public boolean actNormsInitialized() {
        return initialized.getArray().getFloat(0) > 0.5f;
    }

    private FlowLayer.Result run(ParameterStore ps, NDArray x, NDArray cond, boolean initActNorm) {
        long b = x.getShape().get(0);
        NDArray h = x;
        NDArray logDet = null;
        List<NDArray> latents = new ArrayList<>();
        for (FlowLayer l : layers) {
            // each layer's intermediates are freed when it returns, not when the step ends (see Scope)
            NDList r = Scope.run(h, in -> {
                if (initActNorm && l instanceof ActNorm a) {
                    a.initializeFrom(in);
                }
                FlowLayer.Result res = l.forward(ps, in, cond);
                return new NDList(res.y(), res.logDet());
            });
            NDArray y = r.get(0);
            logDet = logDet == null ? r.get(1) : logDet.add(r.get(1));
            if (l instanceof Split s) {
                NDList parts = y.split(new long[] {s.keptChannels()}, 1);
                latents.add(parts.get(1).reshape(b, -1));
                h = parts.get(0);
            } else {
                h = y;
            }
        }
        latents.add(h.reshape(b, -1));
        return new FlowLayer.Result(NDArrays.concat(new NDList(latents), 1), logDet);
    }

    /** Sizes of the per-level latents in the order they appear in z; they sum to D. */
    public List<Long> latentSizes() {
        List<Long> sizes = new ArrayList<>();
        for (FlowLayer l : layers) {
            if (l instanceof Split s) {
                Shape in = s.inputShape();
                sizes.add((in.get(0) - s.keptChannels()) * in.get(1) * in.get(2));
            }
        }
        sizes.add(layers.get(layers.size() - 1).outputShape().size());
        return sizes;
    }

    private static Shape batchShape(long b, Shape chw) {
        return new Shape(b, chw.get(0), chw.get(1), chw.get(2));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        FlowLayer.Result r = encode(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null);
        return new NDList(r.y(), r.logDet());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        return new Shape[] {new Shape(b, cfg.dims()), new Shape(b)};
    }
}
