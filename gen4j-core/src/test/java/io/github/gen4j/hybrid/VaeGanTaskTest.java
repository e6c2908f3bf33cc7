package io.github.gen4j.hybrid;

import static io.github.gen4j.hybrid.HybridTestSupport.DATA;
import static io.github.gen4j.hybrid.HybridTestSupport.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.Pixels;
import io.github.gen4j.gan.GanLoss;
import io.github.gen4j.gan.GradientPenalty;
import io.github.gen4j.gan.Latents;
import io.github.gen4j.gan.VaeDecoderGenerator;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.nn.Ops;
import io.github.gen4j.train.Checkpoint;
import io.github.gen4j.train.Trainer;
import io.github.gen4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeGanTaskTest {

    @Test
    void trainingLowersTheFeatureReconstructionAndPixelErrorAndLogsTheGanSignals(@TempDir Path tmp) throws IOException {
        // a slow discriminator keeps the feature space (nearly) still, so the reconstruction measured in it
        // must fall as the decoder learns; a fast one moves the target while it is being matched
        VaeGanConfig cfg = HybridTestSupport.tinyVaeGan().withRecipe(VaeGanConfig.DEFAULT_RECIPE.withLr(3e-3, 1e-4));
        Trainer.Result r = HybridTestSupport.trainer(new VaeGanTask(cfg), HybridTestSupport.train(30, 3e-3), tmp)
                .fit(false);
        assertEquals(30, r.steps());
        double[] enc = HybridTestSupport.trainMetric(tmp, "loss_enc");
        double[] llike = HybridTestSupport.trainMetric(tmp, "llike_nats");
        double[] mse = HybridTestSupport.trainMetric(tmp, "pixel_mse");
        assertEquals(30, enc.length);
        String log = "loss_enc " + Arrays.toString(enc) + "\nllike " + Arrays.toString(llike) + "\npixel_mse "
                + Arrays.toString(mse);
        // the encoder's loss (KL + feature reconstruction) and the pixel error of reconstructions fall (seen:
        // loss_enc -24 %, llike -24 %, pixel_mse -15 % from the first 6 steps to the last 6)
        assertTrue(mean(enc, 24, 30) < 0.85 * mean(enc, 0, 6), log);
        assertTrue(mean(llike, 24, 30) < 0.85 * mean(llike, 0, 6), log);
        assertTrue(mean(mse, 24, 30) < 0.92 * mean(mse, 0, 6), log);
        JsonNode eval = HybridTestSupport.lastEval(tmp);
        for (String k : List.of("pixel_mse", "llike_nats", "kl_nats", "diversity_ratio", "d_real", "d_fake")) {
            assertTrue(eval.has(k) && Double.isFinite(eval.path(k).asDouble()), k + " in " + eval);
        }
        assertTrue(eval.path("kl_nats").asDouble() > 0, eval.toString());
    }

    @Test
    void encoderGetsKlPlusFeatureLossAndDecoderGetsGammaFeatureLossPlusGanLoss() {
        // no spectral norm: its power iteration would move between the step and the reference passes
        VaeGanConfig cfg = HybridTestSupport.tinyVaeGan().withGamma(0.3)
                .withRecipe(VaeGanConfig.DEFAULT_RECIPE.withSpectralNorm(false));
        VaeGanTask task = new VaeGanTask(cfg);
        int dims = cfg.vae().dims();
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            task.initialize(m);
            Batch batch = Batcher.range(DATA, 0, 16, m);
            Map<String, float[]> step = new HashMap<>();
            try (NDManager s = m.newSubManager()) {
                Gen4j.engine().setRandomSeed(11);
                new VaeGanStep(cfg, task.vae(), task.discriminator()).step(s, new ParameterStore(s, false),
                        batch.pixels(), name -> {
                            if (name.equals(VaeGanTask.VAE)) {
                                step.putAll(gradients(task.vae().getParameters()));
                                GradientPenalty.zeroGradients(task.vae());
                            } else {
                                GradientPenalty.zeroGradients(task.discriminator());
                            }
                            return 0;
                        });
            }
            // the paper's losses, each back-propagated through the whole graph
            Map<String, float[]> encoder = reference(cfg, task, batch, true, dims);
            Map<String, float[]> decoder = reference(cfg, task, batch, false, dims);
            int checked = 0;
            for (Map.Entry<String, float[]> e : step.entrySet()) {
                boolean isEncoder = e.getKey().startsWith("01encoder") || e.getKey().startsWith("02encoder");
                float[] want = (isEncoder ? encoder : decoder).get(e.getKey());
                float[] got = e.getValue();
                double scale = 0;
                for (float w : want) {
                    scale = Math.max(scale, Math.abs(w));
                }
                assertTrue(scale > 0, e.getKey() + " has a gradient");
                for (int i = 0; i < got.length; i++) {
                    assertEquals(want[i], got[i], 1e-4 * scale + 1e-7, e.getKey() + "[" + i + "]");
                }
                checked++;
            }
            assertEquals(task.vae().getParameters().size(), checked);
        }
    }

    /** Gradients of beta KL + L_llike (encoder) or gamma L_llike + L_G (decoder), all per dimension. */
    private static Map<String, float[]> reference(VaeGanConfig cfg, VaeGanTask task, Batch batch, boolean encoder,
            int dims) {
        try (NDManager s = batch.pixels().getManager().newSubManager()) {
            Gen4j.engine().setRandomSeed(11);
            ParameterStore ps = new ParameterStore(s, false);
            NDArray raw = batch.pixels();
            int b = (int) raw.getShape().get(0);
            try (GradientCollector gc = Gen4j.engine().newGradientCollector()) {
                NDList st = task.vae().encode(ps, Pixels.toUnit(raw), null, true);
                NDArray mu = st.get(0);
                NDArray lv = st.get(1);
                NDArray z = mu.add(Ops.mul(lv, 0.5).exp().mul(s.randomNormal(mu.getShape())));
                NDArray zp = Latents.normal(s, b, cfg.vae().latentDim(), 0);
                NDArray fakes = Ops.mul(VaeDecoderGenerator.imageMean(cfg.vae().likelihood(),
                        task.vae().decode(ps, z.concat(zp, 0), null, true)), 2).sub(1f);
                NDList sf = task.discriminator().scoreAndFeatures(ps, Pixels.toSigned(raw).concat(fakes, 0), null,
                        true, cfg.featureLayer());
                NDArray f = sf.get(1);
                NDArray target = f.get("0:" + b).stopGradient();
                double rms = Math.sqrt(target.square().mean().getFloat()) + 1e-6; // features normalized to unit scale
                NDArray d = Ops.div(target.sub(f.get(b + ":" + 2 * b)), rms);
                NDArray llike = Ops.div(Ops.mul(d.square().reshape(b, -1).sum(new int[] {1}), 0.5).mean(), dims);
                NDArray kl = Ops.mul(mu.square().add(lv.exp()).sub(1f).sub(lv).sum(new int[] {1}), 0.5).mean();
                NDArray loss = encoder ? Ops.div(Ops.mul(kl, cfg.vae().beta()), dims).add(llike)
                        : Ops.mul(llike, cfg.gamma()).add(GanLoss.NON_SATURATING.generatorLoss(sf.get(0).get(b + ":")));
                gc.backward(loss);
            }
            Map<String, float[]> g = gradients(task.vae().getParameters());
            GradientPenalty.zeroGradients(task.vae());
            GradientPenalty.zeroGradients(task.discriminator());
            return g;
        }
    }

    private static Map<String, float[]> gradients(Iterable<Pair<String, Parameter>> params) {
        Map<String, float[]> out = new HashMap<>();
        for (Pair<String, Parameter> p : params) {
            out.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
    }

    @Test
    void resumeContinuesExactlyAndTheModelEncodesDecodesAndSamples(@TempDir Path tmp) {
        Trainer.Result full = HybridTestSupport.trainer(new VaeGanTask(HybridTestSupport.tinyVaeGan()),
                HybridTestSupport.train(8, 2e-3), tmp.resolve("full")).fit(false);
        Trainer first = HybridTestSupport.trainer(new VaeGanTask(HybridTestSupport.tinyVaeGan()),
                HybridTestSupport.train(8, 2e-3), tmp.resolve("split"));
        first.addListener(new TrainingListener() {
            @Override
            public void onStep(Trainer.Progress p, Map<String, Double> metrics) {
                if (p.step() == 4) {
                    first.requestStop();
                }
            }
        });
        assertEquals(4, first.fit(false).steps());
        VaeGanTask resumedTask = new VaeGanTask(HybridTestSupport.tinyVaeGan());
        Trainer.Result resumed = HybridTestSupport.trainer(resumedTask, HybridTestSupport.train(8, 2e-3),
                tmp.resolve("split")).fit(true);
        assertEquals(8, resumed.steps());
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Checkpoint.read(full.lastCheckpoint(), m).arrays();
            Map<String, NDArray> b = Checkpoint.read(resumed.lastCheckpoint(), m).arrays();
            assertEquals(a.keySet(), b.keySet());
            for (String prefix : List.of("net/vae/", "net/discriminator/", "opt/vae/m/", "opt/discriminator/v/",
                    "ema/vae/")) {
                assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith(prefix)), "checkpoint has " + prefix);
            }
            for (String k : a.keySet()) {
                float[] x = a.get(k).toFloatArray();
                float[] y = b.get(k).toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5, k + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void latentCodecRoundTripsThroughThePosteriorMeanAndSamplesAreImages() {
        VaeGanTask task = new VaeGanTask(HybridTestSupport.tinyVaeGan());
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            NDArray raw = Batcher.range(DATA, 0, 5, m).pixels();
            NDArray z = task.encode(m, raw, null);
            assertEquals(new ai.djl.ndarray.types.Shape(5, 4), z.getShape());
            float[] rec = task.reconstruct(m, raw, null).toFloatArray();
            float[] dec = task.decode(m, z, null).toFloatArray();
            for (int i = 0; i < rec.length; i++) {
                assertEquals(rec[i], dec[i], 1e-6);
            }
            NDArray x = task.generate(m, 3, SampleOptions.defaults());
            assertEquals(new ai.djl.ndarray.types.Shape(3, 1, 8, 8), x.getShape());
            assertTrue(x.min().getFloat() >= 0 && x.max().getFloat() <= 1);
            assertThrows(IllegalArgumentException.class, () -> task.generate(m, 1, SampleOptions.ofClass(1)));
        }
    }

    @Test
    void badConfigsAreRefusedWithTheOptionName() {
        VaeGanConfig c = HybridTestSupport.tinyVaeGan();
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class,
                () -> c.withDiscriminator(List.of(8, 16), 3));
        assertTrue(layer.getMessage().startsWith("--feature-layer must be in 1..2"), layer.getMessage());
        IllegalArgumentException wgan = assertThrows(IllegalArgumentException.class,
                () -> c.withRecipe(c.recipe().withLoss(GanLoss.WGAN_GP)));
        assertTrue(wgan.getMessage().contains("non-saturating or hinge"), wgan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.withGamma(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withVae(c.vae().withClasses(3)));
    }
}
