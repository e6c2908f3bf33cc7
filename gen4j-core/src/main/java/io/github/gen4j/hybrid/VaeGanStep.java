package io.github.gen4j.hybrid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.gan.DcganDiscriminator;
import io.github.gen4j.gan.GanLoss;
import io.github.gen4j.gan.GradientPenalty;
import io.github.gen4j.gan.Latents;
import io.github.gen4j.gan.VaeDecoderGenerator;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.vae.ConvVae;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One VAE-GAN training step (Larsen et al. 2016, algorithm 1) with the paper's separate updates:
 *
 * <pre>
 * encoder:       L_enc = beta L_prior + L_llike
 * decoder:       L_dec = gamma L_llike + L_G          (L_G: the generator side of the GAN loss on
 *                                                     Dec(z_enc) and Dec(z_prior))
 * discriminator: L_D on x (real), Dec(z_enc) and Dec(z_prior) (fake)
 * L_prior = KL(q(z|x) || N(0, I));   L_llike = -log N(Dis_l(x); Dis_l(Dec(z_enc)), s^2 I)
 *         = 1/2 ||(Dis_l(x) - Dis_l(Dec(z_enc))) / s||^2 + const    (eq. 7-8, summed over the features of layer l)
 * </pre>
 * The paper's observation model has identity covariance on features of a batch-normalized discriminator,
 * which are about unit-scale. Ours has spectral norm and no batch norm, and its activations are far
 * smaller, so a unit variance would make L_llike negligible against the KL term (the encoder would then
 * stop encoding). s is therefore the root-mean-square of the real images' features in the batch, treated
 * as a constant: identity covariance on features normalized to unit scale.
 * Per-image terms are averaged over the batch and divided by D = C*H*W (nats per dimension, as in
 * {@link io.github.gen4j.vae.VaeTask}); the GAN loss is per image, as in {@link io.github.gen4j.gan.GanSteps}.
 *
 * <p><b>How the two generator-side losses reach different networks from one forward pass.</b> The decoder
 * runs on a detached copy z' of z_enc that records its gradient. A first backward of L_llike / D (graph
 * kept) gives the decoder gradient of the reconstruction and g = dL_llike/dz'; a second of
 * L_G + (gamma - 1) L_llike / D completes the decoder's gamma L_llike + L_G. The encoder then back-propagates
 * beta L_prior / D + &lt;z_enc, g&gt;, whose gradient is exactly that of beta L_prior + L_llike (chain rule
 * through z_enc), and receives nothing from L_G. Encoder and decoder share the optimizer "vae" (Adam is
 * per parameter, so this equals two optimizers with one learning rate); D's gradients from these passes are
 * discarded and it is updated on its own loss, with the same (pre-update) reconstructions and samples.
 */
final class VaeGanStep {

    private final VaeGanConfig cfg;
    private final ConvVae vae;
    private final DcganDiscriminator d;

    VaeGanStep(VaeGanConfig cfg, ConvVae vae, DcganDiscriminator d) {
        this.cfg = cfg;
        this.vae = vae;
        this.d = d;
    }

    /** Applies a named optimizer to the accumulated gradients and zeroes them. */
    @FunctionalInterface
    interface Optimizers {
        double update(String optimizer);
    }

    /** One step on raw pixels (B, C, S, S) 0..255; returns the metrics to log. */
    Map<String, Double> step(NDManager m, ParameterStore ps, NDArray raw, Optimizers opt) {
        int b = (int) raw.getShape().get(0);
        int dims = cfg.vae().dims();
        GanLoss loss = cfg.recipe().loss();
        NDArray xUnit = Pixels.toUnit(raw); // encoder input, (B, C, S, S) in [0, 1]
        NDArray xSigned = Pixels.toSigned(raw); // discriminator input, [-1, 1]
        Map<String, Double> out = new LinkedHashMap<>();
        NDArray fakes;
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDList stats = vae.encode(ps, xUnit, null, true);
            NDArray mu = stats.get(0);
            NDArray logVar = stats.get(1);
            NDArray zEnc = mu.add(Ops.mul(logVar, 0.5).exp().mul(m.randomNormal(mu.getShape()))); // (B, Z)
            // KL(N(mu, s^2) || N(0, 1)) = 0.5 sum(mu^2 + s^2 - 1 - log s^2), (B)
            NDArray kl = Ops.mul(mu.square().add(logVar.exp()).sub(1f).sub(logVar).sum(new int[] {1}), 0.5);

            NDArray zLeaf = zEnc.duplicate(); // detached copy that records dL/dz'
            zLeaf.setRequiresGradient(true);
            NDArray zPrior = Latents.normal(m, b, cfg.vae().latentDim(), 0);
            NDArray decoded = vae.decode(ps, zLeaf.concat(zPrior, 0), null, true); // (2B, C*p, S, S)
            fakes = Ops.mul(VaeDecoderGenerator.imageMean(cfg.vae().likelihood(), decoded), 2).sub(1f);
            // one discriminator pass over x, Dec(z_enc), Dec(z_prior): scores (3B), Dis_l (3B, W_l, s, s)
            NDList sf = d.scoreAndFeatures(ps, xSigned.concat(fakes, 0), null, true, cfg.featureLayer());
            NDArray feats = sf.get(1);
            NDArray target = feats.get("0:" + b).stopGradient(); // Dis_l(x): a constant for L_llike
            NDArray llike = featureLlike(target, feats.get(b + ":" + 2 * b)); // (B) nats
            NDArray llikePerDim = Ops.div(llike.mean(), dims);
            NDArray lossG = loss.generatorLoss(sf.get(0).get(b + ":"));

            backward(llikePerDim, true);
            NDArray g = zLeaf.getGradient().duplicate(); // dL_llike/dz' (B, Z), a constant from here on
            backward(lossG.add(Ops.mul(llikePerDim, cfg.gamma() - 1)), false);
            NDArray encoderLoss = Ops.div(Ops.mul(kl.mean(), cfg.vae().beta()), dims).add(zEnc.mul(g).sum());
            gc.backward(encoderLoss);

            out.put("loss_g", (double) lossG.getFloat());
            out.put("llike_nats", (double) llike.mean().getFloat());
            out.put("kl_nats", (double) kl.mean().getFloat());
            out.put("loss_enc", (double) Ops.div(Ops.mul(kl.mean(), cfg.vae().beta()).add(llike.mean()), dims)
                    .getFloat());
        }
        GradientPenalty.zeroGradients(d); // D's gradients from the encoder/decoder losses are not D's update
        opt.update(VaeGanTask.VAE);

        NDArray fixedFakes = fakes.stopGradient();
        try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
            NDArray scores = d.score(ps, xSigned.concat(fixedFakes, 0), null, true); // (3B)
            NDArray sReal = scores.get("0:" + b);
            NDArray sFake = scores.get(b + ":");
            NDArray lossD = loss.discriminatorLoss(sReal, sFake);
            gc.backward(lossD);
            out.put("loss_d", (double) lossD.getFloat());
            out.put("d_real", (double) sReal.mean().getFloat());
            out.put("d_fake_rec", (double) sFake.get("0:" + b).mean().getFloat());
            out.put("d_fake_prior", (double) sFake.get(b + ":").mean().getFloat());
        }
        opt.update(VaeGanTask.DISCRIMINATOR);
        out.put("pixel_mse", (double) fixedFakes.get("0:" + b).sub(xSigned).square().mean().getFloat() / 4);
        return out;
    }

    /**
     * -log N(target; recon, s^2 I) + const per image, (B): 1/2 sum_f ((target - recon) / s)^2 with s the
     * root-mean-square of {@code target} (B, ...), a constant (no gradient).
     */
    static NDArray featureLlike(NDArray target, NDArray recon) {
        long b = target.getShape().get(0);
        NDArray fixed = target.stopGradient();
        NDArray scale = fixed.square().mean().sqrt().add(1e-6f); // scalar s
        NDArray diff = fixed.sub(recon).div(scale);
        return Ops.mul(diff.square().reshape(b, -1).sum(new int[] {1}), 0.5);
    }

    /** Back-propagates a scalar, keeping the graph for a further backward when asked. */
    private static void backward(NDArray scalar, boolean keepGraph) {
        NDArray one = scalar.onesLike();
        JniUtils.backward((PtNDArray) scalar, (PtNDArray) one, keepGraph, false);
    }
}
