package io.github.gen4j.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.nn.Upsample;
import java.util.List;

/**
 * Convolutional VAE (Kingma & Welling 2014) with a diagonal Gaussian posterior.
 *
 * <pre>
 * encoder: x (B, C, S, S) in [0,1] -> 2x-1 -> [Conv 4x4 stride 2 + SiLU, Conv 3x3 + SiLU] per width
 *          -> flatten (B, W*s*s) [+ one-hot (B, K)] -> Linear hidden + SiLU -> Linear (B, 2 Z) = (mu, log var),
 *          log var softly bounded to (-10, 10) by 10 tanh(v / 10)
 * decoder: z (B, Z) [+ one-hot] -> Linear hidden + SiLU -> Linear W*s*s + SiLU -> (B, W, s, s)
 *          -> [Upsample 2x nearest, Conv 3x3 + SiLU, Conv 3x3 + SiLU] per width, reversed
 *          -> Conv 3x3 -> (B, C * decoderChannels, S, S) [+ shared log-scale (1, C, 1, 1) broadcast]
 * </pre>
 * where s = S / 2^(number of widths). Block forward takes (x[, one-hot]) and returns (mu, logvar).
 *
 * <p>{@link #decoderOnly} builds the decoder alone (no encoder parameters): the generator of a GAN whose
 * generator is pre-trained as this VAE's decoder (Ham et al. 2020), filled by {@link #copyDecoderInto}.
 */
public final class ConvVae extends AbstractBlock {

    /** Bound of the posterior log variance: std in (e^-5, e^5), far wider than any useful posterior. */
    static final float MAX_LOG_VAR = 10f;

    private final VaeConfig cfg;
    private final SequentialBlock encoderConv;
    private final SequentialBlock encoderHead;
    private final SequentialBlock decoderHead;
    private final SequentialBlock decoderConv;
    private final Parameter logScale;

    public ConvVae(VaeConfig cfg) {
        this(cfg, true);
    }

    /**
     * The decoder of {@code new ConvVae(cfg)} without an encoder: same layers in the same order, so its
     * decoder parameters line up one to one with a full VAE's. {@link #encode} is unavailable.
     */
    public static ConvVae decoderOnly(VaeConfig cfg) {
        return new ConvVae(cfg, false);
    }

    private ConvVae(VaeConfig cfg, boolean withEncoder) {
        this.cfg = cfg;
        List<Integer> w = cfg.widths();
        int s = cfg.bottleneckSize();
        int last = w.get(w.size() - 1);

        if (withEncoder) {
            SequentialBlock enc = new SequentialBlock();
            for (int width : w) {
                enc.add(conv(width, 4, 2, 1)).add(silu()).add(conv(width, 3, 1, 1)).add(silu());
            }
            enc.add(Blocks.batchFlattenBlock());
            encoderConv = addChildBlock("encoderConv", enc);
            encoderHead = addChildBlock("encoderHead", new SequentialBlock()
                    .add(Linear.builder().setUnits(cfg.hidden()).build()).add(silu())
                    .add(Linear.builder().setUnits(2L * cfg.latentDim()).build()));
        } else {
            encoderConv = null;
            encoderHead = null;
        }

        decoderHead = addChildBlock("decoderHead", new SequentialBlock()
                .add(Linear.builder().setUnits(cfg.hidden()).build()).add(silu())
                .add(Linear.builder().setUnits((long) last * s * s).build()).add(silu())
                .add(Blocks.batchFlattenBlock()));
        SequentialBlock dec = new SequentialBlock();
        dec.add(list -> new NDList(list.singletonOrThrow().reshape(-1, last, s, s)));
        for (int i = w.size() - 1; i >= 0; i--) {
            int out = i > 0 ? w.get(i - 1) : w.get(0);
            dec.add(new Upsample(2)).add(conv(out, 3, 1, 1)).add(silu()).add(conv(out, 3, 1, 1)).add(silu());
        }
        dec.add(conv(cfg.channels() * cfg.likelihood().decoderChannels(), 3, 1, 1));
        decoderConv = addChildBlock("decoderConv", dec);
        // sigma-VAE: one learned log-scale per channel, shared by all pixels; starts at sigma = e^-1
        logScale = cfg.likelihood().sharedScale()
                ? addParameter(Parameter.builder().setName("logScale").setType(Parameter.Type.OTHER)
                        .optShape(new Shape(1, cfg.channels(), 1, 1))
                        .optInitializer(new ConstantInitializer(-1f)).build())
                : null;
    }

    public VaeConfig config() {
        return cfg;
    }

    /**
     * q(z | x): x (B, C, S, S) in [0, 1], oneHot (B, K) or null; returns (mu (B, Z), logvar (B, Z)).
     */
    public NDList encode(ParameterStore ps, NDArray x, NDArray oneHot, boolean training) {
        if (encoderConv == null) {
            throw new IllegalStateException("a decoder-only ConvVae has no encoder");
        }
        NDArray h = encoderConv.forward(ps, new NDList(x.mul(2f).sub(1f)), training).singletonOrThrow();
        if (oneHot != null) {
            h = h.concat(oneHot, 1);
        }
        NDList stats = encoderHead.forward(ps, new NDList(h), training).singletonOrThrow().split(2, 1);
        // log variance softly bounded to (-MAX, MAX): exp() of an unbounded encoder output overflows float32
        // and sends the whole update to Inf (seen on Fashion-MNIST after ~400 steps at lr 2e-3)
        NDArray logVar = Ops.softClamp(stats.get(1), MAX_LOG_VAR);
        return new NDList(stats.get(0), logVar);
    }

    /**
     * p(x | z): z (B, Z), oneHot (B, K) or null; returns the distribution parameters
     * (B, C * paramsPerPixel, S, S): means, then log-scales (broadcast from the shared ones if any).
     */
    public NDArray decode(ParameterStore ps, NDArray z, NDArray oneHot, boolean training) {
        NDArray in = oneHot == null ? z : z.concat(oneHot, 1);
        NDArray h = decoderHead.forward(ps, new NDList(in), training).singletonOrThrow();
        NDArray out = decoderConv.forward(ps, new NDList(h), training).singletonOrThrow();
        if (logScale == null) {
            return out;
        }
        NDArray s = ps.getValue(logScale, out.getDevice(), training); // (1, C, 1, 1)
        NDArray expanded = s.broadcast(out.getShape()); // (B, C, S, S) view, created on the weight's manager:
        expanded.attach(out.getManager()); // move it to the call's manager so it is freed with it
        return out.concat(expanded, 1);
    }

    /** False for {@link #decoderOnly}. */
    public boolean hasEncoder() {
        return encoderConv != null;
    }

    /**
     * Copies this VAE's decoder weights (including the shared log-scale, if any) into {@code target}, a
     * full or decoder-only ConvVae whose decoder has the same config (beta and the encoder play no part).
     *
     * @throws IllegalArgumentException if the decoders differ
     */
    public void copyDecoderInto(ConvVae target) {
        if (!cfg.withBeta(1).equals(target.cfg.withBeta(1))) {
            throw new IllegalArgumentException("decoder configs differ: " + cfg + " vs " + target.cfg);
        }
        copyParameters(decoderHead, target.decoderHead);
        copyParameters(decoderConv, target.decoderConv);
        if (logScale != null) {
            logScale.getArray().copyTo(target.logScale.getArray());
        }
    }

    private static void copyParameters(ai.djl.nn.Block from, ai.djl.nn.Block to) {
        PairList<String, Parameter> a = from.getParameters();
        PairList<String, Parameter> b = to.getParameters();
        for (int i = 0; i < a.size(); i++) {
            NDArray src = a.get(i).getValue().getArray();
            NDArray dst = b.get(i).getValue().getArray();
            if (!a.get(i).getKey().equals(b.get(i).getKey()) || !src.getShape().equals(dst.getShape())) {
                throw new IllegalArgumentException("decoder parameter " + a.get(i).getKey() + " " + src.getShape()
                        + " does not match " + b.get(i).getKey() + " " + dst.getShape());
            }
            src.copyTo(dst);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray oneHot = inputs.size() > 1 ? inputs.get(1) : null;
        return encoderConv == null ? new NDList(decode(ps, inputs.get(0), oneHot, training))
                : encode(ps, inputs.get(0), oneHot, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        if (encoderConv == null) {
            return new Shape[] {new Shape(b, (long) cfg.channels() * cfg.likelihood().paramsPerPixel(),
                    cfg.imageSize(), cfg.imageSize())};
        }
        return new Shape[] {new Shape(b, cfg.latentDim()), new Shape(b, cfg.latentDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        int k = cfg.numClasses();
        if (encoderConv != null) {
            encoderConv.initialize(manager, dataType, inputShapes[0]);
            Shape[] conv = encoderConv.getOutputShapes(new Shape[] {inputShapes[0]});
            long flat = conv[0].get(1);
            encoderHead.initialize(manager, dataType, new Shape(b, flat + k));
        }
        decoderHead.initialize(manager, dataType, new Shape(b, cfg.latentDim() + k));
        Shape[] head = decoderHead.getOutputShapes(new Shape[] {new Shape(b, cfg.latentDim() + k)});
        decoderConv.initialize(manager, dataType, head);
    }

    /** Initializes all parameters for this config (batch dimension 1). */
    public void initialize(NDManager manager) {
        Shape x = new Shape(1, cfg.channels(), cfg.imageSize(), cfg.imageSize());
        if (cfg.conditional()) {
            initialize(manager, DataType.FLOAT32, x, new Shape(1, cfg.numClasses()));
        } else {
            initialize(manager, DataType.FLOAT32, x);
        }
    }

    private static Conv2d conv(int filters, int k, int stride, int pad) {
        return Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad)).setFilters(filters).build();
    }

    private static ai.djl.nn.Block silu() {
        return Ops.siluBlock(); // not DJL's swish block: see Ops on scalar operands and autograd
    }
}
