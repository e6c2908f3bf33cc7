package io.github.gen4j.hybrid;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.gen4j.data.Batch;
import io.github.gen4j.gan.GanConfig;
import io.github.gen4j.gan.GanTask;
import io.github.gen4j.gan.VaeDecoderGenerator;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.CheckpointException;
import io.github.gen4j.train.LoadedRun;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunDir;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TaskFactory;
import io.github.gen4j.train.TrainingTask;
import io.github.gen4j.vae.VaeConfig;
import io.github.gen4j.vae.VaeTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A GAN whose generator starts as a trained VAE's decoder: the "unbalanced GAN" of Ham et al. 2020
 * ("Unbalanced GANs: pre-training the generator of generative adversarial network using variational
 * autoencoder"). The generator takes the decoder's architecture ({@link VaeDecoderGenerator}, latent size and
 * classes from the VAE's config) and its weights (the VAE run's EMA weights, as used for sampling); the
 * discriminator starts fresh; training then continues adversarially like any {@link GanTask}.
 *
 * <p>The run is an ordinary "gan" run: its config records the decoder architecture and where the weights
 * came from ({@link GanConfig#initFrom()}), and {@code family.Runs.load} rebuilds it as a {@link GanTask}. This
 * class only adds the weight copy to the task's initialization; on resume the checkpoint overwrites them.
 */
public final class VaePretrainedGan implements TrainingTask, ImageGenerator {

    private final GanTask gan;
    private final Path vaeRun;
    private final Device device;

    private VaePretrainedGan(GanTask gan, Path vaeRun, Device device) {
        this.gan = gan;
        this.vaeRun = vaeRun;
        this.device = device;
    }

    /**
     * The VAE of run folder {@code vaeRun}, checked for use as the generator of GANs on {@code channels} x
     * {@code size} x {@code size} images.
     *
     * @throws IllegalArgumentException (one line naming --init-from) if the folder is not a VAE run with a
     *     checkpoint, or makes images of another shape
     */
    public static VaeConfig vaeConfig(Path vaeRun, int channels, int size) {
        RunConfig rc;
        boolean hasCheckpoint;
        try {
            RunDir run = RunDir.open(vaeRun);
            rc = run.readConfig();
            hasCheckpoint = run.checkpoints().latest().isPresent();
        } catch (CheckpointException e) {
            throw new IllegalArgumentException("--init-from: " + e.getMessage(), e);
        }
        if (!rc.family().equals("vae")) {
            throw new IllegalArgumentException("--init-from: " + vaeRun + " is a " + rc.family()
                    + " run; the generator can only start from a VAE run");
        }
        if (!hasCheckpoint) {
            throw new IllegalArgumentException("--init-from: " + vaeRun + " has no checkpoint yet");
        }
        VaeConfig v = Json.convert(rc.model(), VaeConfig.class);
        if (v.channels() != channels || v.imageSize() != size) {
            throw new IllegalArgumentException("--init-from: the VAE in " + vaeRun + " makes " + v.channels() + "x"
                    + v.imageSize() + "x" + v.imageSize() + " images but the data is " + channels + "x" + size + "x"
                    + size + " (pick the VAE's data or --image-size/--channels)");
        }
        return v;
    }

    /**
     * A GAN task whose generator is initialized from {@code vaeRun}'s decoder: {@code base}'s discriminator
     * and recipe with the VAE's decoder as generator.
     */
    public static VaePretrainedGan create(GanConfig base, Path vaeRun, Device device) {
        VaeConfig v = vaeConfig(vaeRun, base.channels(), base.imageSize());
        Path checkpoint = RunDir.open(vaeRun).checkpoints().latest().orElseThrow();
        GanConfig cfg = base.withVaeDecoder(v, checkpoint.toAbsolutePath().normalize().toString());
        return new VaePretrainedGan(new GanTask(cfg), vaeRun, device);
    }

    /** The GAN being trained. */
    public GanTask gan() {
        return gan;
    }

    @Override
    public String family() {
        return gan.family();
    }

    @Override
    public Object modelConfig() {
        return gan.modelConfig();
    }

    @Override
    public Map<String, Block> networks() {
        return gan.networks();
    }

    /** Initializes the GAN as usual (discriminator fresh), then copies the VAE's decoder into the generator. */
    @Override
    public void initialize(NDManager manager) {
        gan.initialize(manager);
        TaskFactory vaeOnly = (family, config) -> {
            if (!family.equals("vae")) {
                throw new IllegalArgumentException("--init-from: " + vaeRun + " is not a VAE run");
            }
            return new VaeTask(Json.convert(config, VaeConfig.class));
        };
        try (LoadedRun vae = LoadedRun.load(vaeRun, Path.of(gan.config().initFrom()), device, vaeOnly)) {
            ((VaeTask) vae.task()).network().copyDecoderInto(((VaeDecoderGenerator) gan.generator()).decoder());
        }
    }

    @Override
    public List<OptimizerSpec> optimizers() {
        return gan.optimizers();
    }

    @Override
    public List<String> emaNetworks() {
        return gan.emaNetworks();
    }

    @Override
    public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
        return gan.trainStep(ctx, batch);
    }

    @Override
    public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
        return gan.evaluate(manager, heldOut);
    }

    @Override
    public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException {
        gan.snapshot(manager, fixed, dir, tag);
    }

    @Override
    public NDArray generate(NDManager manager, int n, SampleOptions options) {
        return gan.generate(manager, n, options);
    }

    @Override
    public int numClasses() {
        return gan.numClasses();
    }
}
