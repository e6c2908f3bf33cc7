package io.github.gen4j.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.nn.Ops;

/**
 * The decoder's distribution p(x | z) over an image. Each value knows how many numbers per pixel the
 * decoder must output, the per-image log-probability, the image to show, and how to turn nats into bits
 * per dimension of 8-bit data.
 */
public enum Likelihood {

    /**
     * Continuous Gaussian on uniformly dequantized pixels x in [0, 1) with one learned scale per image
     * channel shared by all pixels (the "sigma-VAE" of Rybkin et al. 2021, "Simple and Effective VAE
     * Training with Calibrated Decoders"). Its density bounds the 8-bit likelihood:
     * log P(v) >= log p(x) - D log 256. Calibrated and stable, but after 1,000 steps on Fashion-MNIST it
     * trails {@link #DISCRETIZED_LOGISTIC} on every measure (bench/results/parity-vae-1000: FID 289 against
     * 218, recall 0.13 against 0.43, 7.43 against 3.46 bits/dim); the default until that benchmark.
     */
    GAUSSIAN(2, 1),

    /**
     * As {@link #GAUSSIAN} but the decoder predicts a scale per pixel. Better bits/dim (it can be very
     * sure about the black background), but the reconstruction term then dwarfs the KL term, the
     * aggregate posterior drifts from the prior, and prior samples degrade into blobs (seen on
     * Fashion-MNIST: 4.28 bits/dim after 10 minutes, with unrecognizable samples).
     */
    GAUSSIAN_PIXEL(2, 2),

    /**
     * Gaussian discretized to the 256 pixel bins (edge bins open to infinity): a proper probability of
     * the 8-bit value, as in the discretized logistic of PixelCNN++ but with the normal CDF.
     */
    DISCRETIZED_GAUSSIAN(2, 2),

    /**
     * Logistic discretized to the 256 pixel bins (Salimans et al. 2017, PixelCNN++, eq. 2; Kingma et al.
     * 2016): a mean and a log-scale per pixel, P(v) = sigma((c + 1/510 - m) / s) - sigma((c - 1/510 - m) / s)
     * for the bin centred at c = v / 255, the outer bins open to -inf and +inf. The decoder of the
     * textbook likelihood VAE: an exact probability of the 8-bit value, so its bits/dim are directly
     * comparable with a flow's. The default: in the parity benchmark it matches a plain PyTorch VAE of the
     * same recipe (3.46 against 3.49 bits/dim, FID 218 against 241 after 1,000 steps) and beats
     * {@link #GAUSSIAN} on sample quality, recall and likelihood.
     */
    DISCRETIZED_LOGISTIC(2, 2),

    /**
     * Bernoulli with the grey level v/255 as the target probability (the classic "binary cross-entropy"
     * VAE). Popular and easy to train, but not a distribution over 8-bit images: no bits/dim.
     */
    BERNOULLI(1, 1);

    /** Lower bound of the log standard deviation (exp(-7) ~ 0.0009, a quarter of one 8-bit bin). */
    private static final float MIN_LOG_SCALE = -7f;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Half the width of an 8-bit bin on the [0, 1] scale of {@link Pixels#toUnit}. */
    private static final float HALF_BIN = 1f / 510f;

    private final int paramsPerPixel;
    private final int decoderChannels;

    Likelihood(int paramsPerPixel, int decoderChannels) {
        this.paramsPerPixel = paramsPerPixel;
        this.decoderChannels = decoderChannels;
    }

    /** Distribution parameters per pixel and channel in {@link #logProb}'s {@code out} (mean [, log-scale]). */
    public int paramsPerPixel() {
        return paramsPerPixel;
    }

    /** Of those, how many the decoder's last convolution predicts per image channel. */
    public int decoderChannels() {
        return decoderChannels;
    }

    /** True if the log-scale is one learned value per image channel, broadcast over pixels. */
    public boolean sharedScale() {
        return paramsPerPixel > decoderChannels;
    }

    /** True if {@link #bitsPerDim} is defined. */
    public boolean hasBitsPerDim() {
        return this != BERNOULLI;
    }

    /**
     * The image the model sees (encoder input and, except for the discretized case, the target):
     * dequantized (v + u) / 256 for {@link #GAUSSIAN} (u ~ U[0,1) when {@code stochastic}, else 0.5),
     * v / 255 otherwise. (B, C, H, W) in [0, 1].
     */
    public NDArray data(NDArray raw, boolean stochastic) {
        if (this == GAUSSIAN || this == GAUSSIAN_PIXEL) {
            return stochastic ? Pixels.dequantize(raw) : Pixels.binCentres(raw);
        }
        return Pixels.toUnit(raw);
    }

    /**
     * Per-image log p(x | z) in nats, (B).
     *
     * @param out decoder output (B, C * paramsPerPixel, H, W): means (or logits) then log-scales
     * @param x {@link #data} of the batch, (B, C, H, W)
     * @param raw raw 0..255 pixels, (B, C, H, W)
     */
    public NDArray logProb(NDArray out, NDArray x, NDArray raw) {
        int c = (int) x.getShape().get(1);
        NDList split = out.split(paramsPerPixel, 1);
        NDArray mean = split.get(0);
        switch (this) {
            case BERNOULLI: {
                // log p = x l - softplus(l), softplus(l) = max(l, 0) + log(1 + exp(-|l|))
                return x.mul(mean).sub(Ops.softplus(mean)).sum(new int[] {1, 2, 3});
            }
            case GAUSSIAN:
            case GAUSSIAN_PIXEL: {
                NDArray logScale = logScale(split.get(1));
                NDArray zsq = x.sub(mean).mul(logScale.neg().exp()).square();
                // log N(x; m, s^2) = -0.5 ((x - m)/s)^2 - log s - 0.5 log 2 pi
                return Ops.mul(zsq, -0.5).sub(logScale).sub((float) (0.5 * LOG_2PI)).sum(new int[] {1, 2, 3});
            }
            case DISCRETIZED_GAUSSIAN: {
                NDArray logScale = logScale(split.get(1));
                NDArray invS = Ops.mul(logScale.neg().exp(), 1 / Math.sqrt(2));
                // bin of value v: [v/256, (v+1)/256), the outer bins extended to -inf and +inf
                NDArray lo = raw.div(256f).sub(mean).mul(invS);
                NDArray hi = raw.add(1f).div(256f).sub(mean).mul(invS);
                NDArray cdfLo = Ops.mul(lo.erf().add(1f), 0.5);
                NDArray cdfHi = Ops.mul(hi.erf().add(1f), 0.5);
                cdfLo = NDArrays.where(raw.lte(0f), cdfLo.zerosLike(), cdfLo);
                cdfHi = NDArrays.where(raw.gte(255f), cdfHi.onesLike(), cdfHi);
                return Ops.maximum(cdfHi.sub(cdfLo), 1e-12).log().sum(new int[] {1, 2, 3});
            }
            case DISCRETIZED_LOGISTIC: {
                NDArray logScale = logScale(split.get(1));
                NDArray invS = logScale.neg().exp();
                NDArray centred = x.sub(mean); // (B, C, H, W), x = v / 255
                NDArray a = centred.add(HALF_BIN).mul(invS); // upper edge, standardized
                NDArray b = centred.sub(HALF_BIN).mul(invS); // lower edge
                // log(sigma(a) - sigma(b)) = log sigma(a) + log(1 - sigma(b)) + log(1 - e^-(a - b)), exact;
                // a - b = 1 / (255 s). The outer bins keep only their open side's term.
                NDArray logCdfHi = Ops.softplus(a.neg()).neg();     // log sigma(a)
                NDArray logSfLo = Ops.softplus(b).neg();            // log (1 - sigma(b))
                NDArray width = Ops.mul(invS, 1.0 / 255);          // a - b
                NDArray logMass = Ops.maximum(width.neg().exp().neg().add(1f), 1e-12).log();
                NDArray notLo = raw.gt(0f).toType(x.getDataType(), false);   // v > 0: lower edge is finite
                NDArray notHi = raw.lt(255f).toType(x.getDataType(), false); // v < 255: upper edge is finite
                NDArray lp = logCdfHi.mul(notHi).add(logSfLo.mul(notLo)).add(logMass.mul(notLo).mul(notHi));
                return lp.sum(new int[] {1, 2, 3});
            }
            default:
                throw new AssertionError(this + " with " + c + " channels");
        }
    }

    /** The image to display for decoder output {@code out}: the mean in [0, 1], (B, C, H, W). */
    public NDArray mean(NDArray out) {
        NDArray m = out.split(paramsPerPixel, 1).get(0);
        return this == BERNOULLI ? m.getNDArrayInternal().sigmoid() : m.clip(0f, 1f);
    }

    /**
     * Negative log-likelihood (or bound) of 8-bit data in nats per image, from the model's per-image
     * log-likelihood in nats over {@code dims} values: -(log p - D log 256) for the dequantized density on
     * [0, 1)^D (its density on [0, 256)^D), -log P for the discretized one. For {@link #BERNOULLI},
     * which is no distribution over 8-bit values, the plain -log p.
     */
    public double nats8bit(double logLikelihoodNats, int dims) {
        boolean dequantized = this == GAUSSIAN || this == GAUSSIAN_PIXEL;
        return dequantized ? -logLikelihoodNats + dims * Math.log(256) : -logLikelihoodNats;
    }

    /**
     * Bits per dimension of 8-bit data: {@link #nats8bit} / (D ln 2). NaN for {@link #BERNOULLI}.
     */
    public double bitsPerDim(double logLikelihoodNats, int dims) {
        return hasBitsPerDim() ? nats8bit(logLikelihoodNats, dims) / (dims * Math.log(2)) : Double.NaN;
    }

    /** Smooth lower bound on the log-scale: MIN + softplus(raw - MIN). */
    private static NDArray logScale(NDArray raw) {
        return Ops.softplus(raw.sub(MIN_LOG_SCALE)).add(MIN_LOG_SCALE);
    }

    /** Parses "gaussian", "discretized-gaussian" or "bernoulli". */
    public static Likelihood parse(String s) {
        for (Likelihood l : values()) {
            if (l.name().replace('_', '-').equalsIgnoreCase(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("--likelihood: '" + s
                + "' is not one of gaussian, gaussian-pixel, discretized-gaussian, discretized-logistic, bernoulli");
    }
}
