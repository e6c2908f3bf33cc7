package io.github.gen4j.latent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.flow.FlowConfig;
import io.github.gen4j.flow.FlowTask;
import io.github.gen4j.flow.MultiScaleFlow;

/**
 * A normalizing flow's latent: the exact z = f((v + 0.5) / 256) of the pixel-bin centres (what
 * {@code gen4j encode} writes), decoded by f^-1 and rounded down to the 8-bit bin it lands in, so
 * decode(encode(v)) = v / 255 exactly. All split levels are concatenated into one vector of D = C H W
 * standard-normal values.
 */
public final class FlowLatent implements LatentSpace {

    private final FlowConfig cfg;
    private final MultiScaleFlow flow;

    public FlowLatent(FlowTask task) {
        this.cfg = task.config();
        this.flow = task.network();
    }

    @Override
    public String family() {
        return "flow";
    }

    @Override
    public String encoding() {
        return "exact (flow)";
    }

    @Override
    public int dim() {
        return cfg.dims();
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public int channels() {
        return cfg.channels();
    }

    @Override
    public int imageSize() {
        return cfg.imageSize();
    }

    @Override
    public NDArray encode(NDManager m, NDArray raw, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        return flow.encode(ps, Pixels.binCentres(raw), check(cond)).y();
    }

    @Override
    public NDArray decode(NDManager m, NDArray z, NDArray cond) {
        ParameterStore ps = new ParameterStore(m, false);
        NDArray x = flow.decode(ps, z, check(cond)); // continuous, in about [0, 1)
        return Pixels.fromBins(x);
    }

    private NDArray check(NDArray cond) {
        return LatentSpaces.checkCondition(cond, cfg.numClasses(), "flow");
    }
}
