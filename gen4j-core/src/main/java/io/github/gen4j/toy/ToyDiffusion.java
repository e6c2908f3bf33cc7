package io.github.gen4j.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.github.gen4j.diffusion.sampler.NoisePredictor;
import io.github.gen4j.diffusion.sampler.NoiseSchedule;
import io.github.gen4j.diffusion.sampler.Sampler;
import io.github.gen4j.diffusion.sampler.Samplers;
import io.github.gen4j.diffusion.sampler.ScheduleTables;
import io.github.gen4j.nn.TimeEmbedding;
import java.util.Map;

/**
 * A denoising diffusion model on points in the plane (Ho et al. 2020) with the image family's sampler
 * package: the same {@link NoiseSchedule}, forward process ({@link ScheduleTables#addNoise}) and samplers
 * ({@code ddpm}, {@code ddim}, {@code dpm++2m} from {@link Samplers}). The network is an MLP
 * eps_theta([x_t, emb(t)]) (B, 2 + E) -> (B, 2), emb the sinusoidal {@link TimeEmbedding}; the loss is
 * the simple objective E_{t, eps} |eps - eps_theta(x_t, t)|^2 (eq. 14).
 *
 * <p>Shapes: the scheduler classes work on images (their per-timestep lookups are (B, 1, 1, 1)), so the
 * points travel through them as (B, 2, 1, 1), 2 "channels" of a 1 x 1 image, and are flattened to (B, 2)
 * only inside the network. Samples are not clipped (the toy data are not in [-1, 1]).
 *
 * <p>No density is drawn: the model's likelihood is only available as a variational bound summed over
 * all T steps, which this toy does not compute.
 */
public final class ToyDiffusion implements ToyModel {

    /** Size of the time embedding fed to the MLP. */
    public static final int TIME_DIM = 32;

    private final SequentialBlock net;
    private final NoiseSchedule schedule;
    private final String samplerName;
    private final int samplingSteps;
    private ScheduleTables tables;

    /**
     * @param hidden width of the MLP
     * @param layers hidden layers
     * @param timesteps T of a linear schedule (betas scaled by 1000 / T, so abar_T is the same for any T)
     * @param samplerName "ddpm", "ddim" or "dpm++2m"
     * @param samplingSteps network evaluations per sample (<= T)
     */
    public ToyDiffusion(int hidden, int layers, int timesteps, String samplerName, int samplingSteps) {
        this.net = ToyMlp.of(hidden, layers, 2);
        this.schedule = NoiseSchedule.linear(timesteps);
        check(schedule, samplerName, samplingSteps);
        this.samplerName = samplerName;
        this.samplingSteps = samplingSteps;
    }

    /** Width 128, 3 hidden layers, T = 100, DDPM through all 100 steps. */
    public static ToyDiffusion defaults() {
        return new ToyDiffusion(128, 3, 100, "ddpm", 100);
    }

    /** The same network and schedule, sampled with another sampler and number of steps. */
    public ToyDiffusion withSampler(String name, int steps) {
        return new ToyDiffusion(this, name, steps);
    }

    private static void check(NoiseSchedule schedule, String samplerName, int samplingSteps) {
        Samplers.create(samplerName, schedule, 0, false); // throws on an unknown name
        if (samplingSteps < 1 || samplingSteps > schedule.timesteps()) {
            throw new IllegalArgumentException("--sampling-steps must be in 1.." + schedule.timesteps()
                    + ", got " + samplingSteps);
        }
    }

    private ToyDiffusion(ToyDiffusion trained, String samplerName, int samplingSteps) {
        this.net = trained.net;
        this.schedule = trained.schedule;
        this.tables = trained.tables;
        check(schedule, samplerName, samplingSteps);
        this.samplerName = samplerName;
        this.samplingSteps = samplingSteps;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public String family() {
        return "diffusion";
    }

    @Override
    public Map<String, Block> networks() {
        return Map.of("eps", net);
    }

    @Override
    public void initialize(NDManager weights, NDArray firstBatch) {
        ToyMlp.initialize(net, weights, 2 + TIME_DIM);
        tables = schedule.onDevice(weights);
    }

    /** eps_theta(x_t, t) for x (B, 2) and integer timesteps t (B): (B, 2). */
    NDArray predict(ParameterStore ps, NDArray x, NDArray t) {
        NDArray emb = TimeEmbedding.sinusoidal(t.toType(DataType.FLOAT32, false), TIME_DIM); // (B, E)
        return ToyMlp.forward(net, ps, x.concat(emb, 1));
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x) {
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        NDArray t = m.randomUniform(0f, schedule.timesteps(), new Shape(b)).floor()
                .clip(0, schedule.timesteps() - 1).toType(DataType.INT32, false); // t ~ U{0..T-1}
        NDArray eps = m.randomNormal(new Shape(b, 2, 1, 1));
        NDArray xt = tables.addNoise(x.reshape(b, 2, 1, 1), eps, t).reshape(b, 2); // Ho et al. eq. 4
        return predict(ps, xt, t).sub(eps.reshape(b, 2)).square().mean();
    }

    /** The network as the samplers see it: (B, 2, 1, 1) at one timestep -> (B, 2, 1, 1). */
    public NoisePredictor predictor(ParameterStore ps) {
        return (x, t) -> {
            long b = x.getShape().get(0);
            NDArray ts = x.getManager().full(new Shape(b), t, DataType.INT32);
            return predict(ps, x.reshape(b, 2), ts).reshape(b, 2, 1, 1);
        };
    }

    @Override
    public NDArray sample(ParameterStore ps, NDManager manager, int n) {
        Sampler s = Samplers.create(samplerName, schedule, 0, false);
        NDArray xT = manager.randomNormal(new Shape(n, 2, 1, 1));
        return s.sample(predictor(ps), xT, samplingSteps, null).reshape(n, 2);
    }

    @Override
    public Density density() {
        return Density.NONE;
    }

    @Override
    public String densityNote() {
        return "not drawn: a diffusion model's likelihood is a variational bound summed over all T = "
                + schedule.timesteps() + " steps, which the toy does not compute; samples with " + samplerName
                + " in " + samplingSteps + " steps";
    }

    @Override
    public NDArray logDensity(ParameterStore ps, NDArray x) {
        throw new UnsupportedOperationException(densityNote());
    }
}
