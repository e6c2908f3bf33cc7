package io.github.gen4j.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.LatentCodec;
import io.github.gen4j.model.LikelihoodModel;
import io.github.gen4j.model.Reconstructor;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalizing-flow family for the training core. Networks: "flow" (the trained parameters of a
 * {@link MultiScaleFlow}: one optimizer "model", EMA) and "fixed" (its parameters that never train:
 * the 1x1 convolutions' permutations and signs and the ActNorm-initialized flag; saved, not updated).
 *
 * <p>The training loss is the exact negative log-likelihood of the 8-bit images in bits/dim under the
 * dequantization bound (see {@link FlowLikelihood}). The first step of a fresh run initializes the
 * ActNorm layers from its batch; a resumed run finds the flag set in its checkpoint and does not.
 */
public final class FlowTask implements TrainingTask, ImageGenerator, LikelihoodModel, Reconstructor, LatentCodec {

    /** Temperatures of the sample grids written during training (Glow, fig. 8, shows 0.7). */
    static final double[] SNAPSHOT_TEMPERATURES = {1.0, 0.8, 0.6};
    /** Images per forward pass in evaluation (bounds memory on large held-out batches). */
    static final int EVAL_CHUNK = 250;

    private final FlowConfig cfg;
    private final MultiScaleFlow flow;
    private final FlowLikelihood likelihood;
    private final Map<String, Block> networks = new LinkedHashMap<>();

    public FlowTask(FlowConfig cfg) {
        this.cfg = cfg;
        this.flow = new MultiScaleFlow(cfg);
        this.likelihood = new FlowLikelihood(flow);
        networks.put("flow", new FlowParameters(flow, true));
        networks.put("fixed", new FlowParameters(flow, false));
    }

    public FlowConfig config() {
        return cfg;
    }

    public MultiScaleFlow network() {
        return flow;
    }

    @Override
    public String family() {
        return "flow";
    }

    @Override
    public Object modelConfig() {
        return cfg;
    }

    @Override
    public Map<String, Block> networks() {
        return networks;
    }

    @Override
    public void initialize(NDManager manager) {
        flow.initialize(manager);
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return List.of(OptimizerSpec.of("model", "flow"));
    }

    @Override
    public List<String> emaNetworks() {
        return List.of("flow");
    }

    /** Number of trained scalars (the fixed permutations, signs and flag excluded). */
    public long trainableParameterCount() {
        long n = 0;
        for (var p : networks.get("flow").getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        ParameterStore ps = ctx.parameterStore();
        NDArray cond = oneHot(batch.labels());
        if (!flow.actNormsInitialized()) {
            // data-dependent init on this step's batch, outside the gradient collector (writes parameters)
            flow.initializeActNorms(ps, likelihood.dequantize(ps, batch.pixels(), false).x(), cond);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            FlowLikelihood.Terms t = likelihood.terms(ps, batch.pixels(), cond, true);
            NDArray loss = t.bitsPerDim().mean();
            gc.backward(loss);
            out.put("loss", (double) loss.getFloat());
            out.put("logdet_per_dim", (double) t.logDet().mean().getFloat() / cfg.dims());
        }
        ctx.update("model");
        return out;
    }

    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        Map<String, Double> sums = bitsPerDimSum(manager, heldOut, 1);
        Map<String, Double> m = new LinkedHashMap<>();
        sums.forEach((k, v) -> m.put(k, v / heldOut.size()));
        return m;
    }

    /**
     * Sums over the batch of "bpd" (the dequantization bound -E_u log2 P / D, averaged over
     * {@code samples} noise draws), "nll_nats" (the same in nats per image) and, for samples > 1,
     * "iw_bpd" (the importance-weighted bound over the draws, never looser).
     */
    @Override
    public Map<String, Double> bitsPerDimSum(NDManager manager, Batch batch, int samples) {
        ParameterStore ps = new ParameterStore(manager, false);
        int k = Math.max(1, samples);
        Map<String, Double> sum = new LinkedHashMap<>();
        for (int from = 0; from < batch.size(); from += EVAL_CHUNK) {
            int n = Math.min(EVAL_CHUNK, batch.size() - from);
            try (NDManager m = manager.newSubManager()) {
                // the chunk and everything computed from it live in m and are freed per chunk
                Batch part = batch.slice(from, n, m);
                likelihood.bounds(ps, part.pixels(), oneHot(part.labels()), k)
                        .forEach((key, v) -> sum.merge(key, v, Double::sum));
            }
        }
        return sum;
    }

    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions o) {
        NDArray z = manager.randomNormal(new Shape(n, cfg.dims())).mul((float) o.temperature());
        return decode(manager, z, sampleLabels(manager, n, o.classLabel()));
    }

    private NDArray sampleLabels(NDManager manager, int n, int classLabel) {
        if (!cfg.conditional()) {
            if (classLabel >= 0) {
                throw new IllegalArgumentException("--class: this flow is unconditional (train with --conditional)");
            }
            return null;
        }
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            lb[i] = classLabel >= 0 ? classLabel : i % cfg.numClasses();
        }
        return manager.create(lb);
    }

    @Override
    public int numClasses() {
        return cfg.numClasses();
    }

    @Override
    public int latentDim() {
        return cfg.dims();
    }

    /**
     * The exact latent z = f((v + 0.5) / 256) of raw pixels v: the centres of the dequantization bins, so
     * {@link #decode} maps z back to v exactly (a bin centre is 0.5/256 from the bin's edges, far beyond
     * float32 round-off through the flow).
     */
    @Override
    public NDArray encode(NDManager manager, NDArray raw, NDArray labels) {
        ParameterStore ps = new ParameterStore(manager, false);
        return flow.encode(ps, Pixels.binCentres(raw), oneHot(requireLabels(labels))).y();
    }

    /**
     * Images on the 8-bit grid, v / 255 in [0, 1], for latents z (B, D): x = f^-1(z) is continuous and
     * v = clamp(floor(256 x), 0, 255) is the pixel bin it falls in, the inverse of the dequantization
     * x = (v + u) / 256 the likelihood is defined on. So samples are draws from the model's distribution
     * over 8-bit images, and decode(encode(v)) = v / 255 exactly. The continuous inverse is
     * {@link MultiScaleFlow#decode}.
     */
    @Override
    public NDArray decode(NDManager manager, NDArray z, NDArray labels) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = flow.decode(ps, z, oneHot(requireLabels(labels)));
        return Pixels.fromBins(x);
    }

    @Override
    public NDArray reconstruct(NDManager manager, NDArray raw, NDArray labels) {
        return decode(manager, encode(manager, raw, labels), labels);
    }

    private NDArray requireLabels(NDArray labels) {
        if (cfg.conditional() && labels == null) {
            throw new IllegalArgumentException("this flow is class-conditional: a class label is needed (--class)");
        }
        return labels;
    }

    private NDArray oneHot(NDArray labels) {
        if (!cfg.conditional()) {
            return null;
        }
        if (labels == null) {
            throw new IllegalArgumentException("a class-conditional flow needs labelled data");
        }
        return labels.oneHot(cfg.numClasses()).toType(DataType.FLOAT32, false);
    }

    /** Sample grids at temperatures 1.0, 0.8 and 0.6 (one row per class if conditional). */
    @Override
    public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException {
        int c = cfg.channels();
        int s = cfg.imageSize();
        int cols = 8;
        int rows = cfg.conditional() ? cfg.numClasses() : 8;
        for (double t : SNAPSHOT_TEMPERATURES) {
            NDArray samples;
            if (cfg.conditional()) {
                NDList perClass = new NDList();
                for (int k = 0; k < cfg.numClasses(); k++) {
                    perClass.add(generate(manager, cols, SampleOptions.ofClass(k).withTemperature(t)));
                }
                samples = perClass.size() == 1 ? perClass.get(0) : ai.djl.ndarray.NDArrays.concat(perClass);
            } else {
                samples = generate(manager, rows * cols, SampleOptions.defaults().withTemperature(t));
            }
            String name = t == 1.0 ? "samples-" : String.format(java.util.Locale.ROOT, "samples-t%.1f-", t);
            ImageGrid.write(dir.resolve(name + tag + ".png"), samples.toFloatArray(), rows * cols, c, s, s, rows,
                    cols, 2, 0f, 1f);
        }
    }
}
