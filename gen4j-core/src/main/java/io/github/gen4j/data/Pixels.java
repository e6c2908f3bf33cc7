package io.github.gen4j.data;

import ai.djl.ndarray.NDArray;

/**
 * The pixel transforms families apply to a {@link Batch}'s raw 0..255 values, and their inverses.
 * Random draws use the engine's generator, which the training core seeds per step.
 */
public final class Pixels {

    private Pixels() {}

    /** 0..255 to [-1, 1]: v / 127.5 - 1 (GANs, diffusion). */
    public static NDArray toSigned(NDArray raw) {
        return raw.div(127.5f).subi(1f);
    }

    /** [-1, 1] back to [0, 1] for display. */
    public static NDArray signedToUnit(NDArray x) {
        return x.add(1f).divi(2f).clip(0f, 1f);
    }

    /** 0..255 to [0, 1]: v / 255. */
    public static NDArray toUnit(NDArray raw) {
        return raw.div(255f);
    }

    /**
     * Uniform dequantization for likelihood models: (v + u) / 256 with u ~ U[0, 1), a continuous value
     * in [0, 1). A density p on [0, 1)^D gives the 8-bit data the bound log P(v) >= E_u log p(x) - D log 256
     * (Theis et al. 2016), which is how bits/dim are reported.
     */
    public static NDArray dequantize(NDArray raw) {
        NDArray u = raw.getManager().randomUniform(0f, 1f, raw.getShape(), raw.getDataType(), raw.getDevice());
        return raw.add(u).divi(256f);
    }

    /** Pixel centres of the dequantization bins, (v + 0.5) / 256: its deterministic counterpart. */
    public static NDArray binCentres(NDArray raw) {
        return raw.add(0.5f).divi(256f);
    }

    /**
     * The inverse of dequantization x = (v + u) / 256: the bin v = clamp(floor(256 x), 0, 255) that a
     * continuous x falls in, returned as v / 255 in [0, 1]. {@code fromBins(binCentres(v)) = v / 255} exactly.
     */
    public static NDArray fromBins(NDArray x) {
        return x.mul(256f).floor().clip(0f, 255f).div(255f);
    }
}
