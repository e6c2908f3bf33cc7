package io.github.gen4j.compare;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.eval.FeatureNetwork;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.family.Runs;
import io.github.gen4j.latent.Interpolation;
import io.github.gen4j.latent.Interpolations;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.latent.Smoothness;
import io.github.gen4j.train.LoadedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The latent-space measurements of one trained run, in the family's own latent (VAE: posterior mean; GAN
 * and VAE-GAN: z, real images by latent recovery; flow: exact encoding; diffusion: DDIM inversion), with
 * {@link LatentSettings#defaults()}:
 * <ul>
 *   <li>{@link Smoothness} of slerp paths between {@link Smoothness#DEFAULT_PAIRS} seed pairs, each
 *       {@link Smoothness#DEFAULT_STEPS} frames: {@code interp_step}, {@code interp_step_cv},
 *       {@code interp_path_ratio} (feature-network suffix dropped, as for the other metrics);
 *   <li>an interpolation strip (slerp, {@link #STRIP_STEPS} frames) between held-out images 0 and 1, framed by
 *       the two originals, as PNG and animated GIF, with {@code interp_end_psnr}: the mean PSNR (dB) of the
 *       strip's two end frames against the images (how faithfully the family encodes a real image).
 * </ul>
 */
public final class LatentMeasures {

    /** Frames of the interpolation strip between two held-out images. */
    public static final int STRIP_STEPS = 8;

    /** The metrics, and the strip's PNG relative to the comparison folder. */
    record Measured(Map<String, Double> metrics, String stripImage, String encoding) {}

    private LatentMeasures() {}

    static Measured measure(Path runDir, FeatureNetwork net, ImageDataset heldOut, Device device, Path imagesDir,
            String tag, long seed) throws IOException {
        try (LoadedRun model = Runs.load(runDir, null, device); NDManager nd = model.manager().newSubManager()) {
            LatentSpace space = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults());
            Smoothness.Result s = Smoothness.measureSeeds(space, nd, net, Smoothness.DEFAULT_PAIRS,
                    Smoothness.DEFAULT_STEPS, Interpolation.SLERP, seed);
            Map<String, Double> m = RunEvaluation.withoutNetwork(s.metrics(), net.name());
            if (heldOut.size() < 2) {
                return new Measured(m, null, space.encoding());
            }
            int per = heldOut.imageSize();
            float[] raw = new float[2 * per];
            heldOut.copyImage(0, raw, 0);
            heldOut.copyImage(1, raw, per);
            int[] labels = space.numClasses() > 0 && heldOut.hasLabels()
                    ? new int[] {heldOut.label(0), heldOut.label(1)} : null;
            Interpolations.ImageStrip strip = Interpolations.betweenImages(space, nd, raw, labels, STRIP_STEPS,
                    Interpolation.SLERP);
            m.put("interp_end_psnr", (strip.endPsnr(0) + strip.endPsnr(1)) / 2);
            String png = tag + "-interpolation.png";
            Interpolations.write(strip.strip(), strip.originals(), imagesDir.resolve(png),
                    imagesDir.resolve(tag + "-interpolation.gif"), 4, 150);
            return new Measured(m, "images/" + png, space.encoding());
        }
    }
}
