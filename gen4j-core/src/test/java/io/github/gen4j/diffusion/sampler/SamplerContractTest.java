package io.github.gen4j.diffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every sampler must do (one subclass per algorithm): given the exact noise predictor of Gaussian
 * data N(mu, s^2), turn N(0, I) noise into samples with that mean and standard deviation; report each
 * step; leave its input alone.
 */
abstract class SamplerContractTest {

    static final double MU = 0.3;
    static final double SIGMA = 0.4;
    static final int N = 16000;

    abstract Sampler sampler(NoiseSchedule schedule);

    /** Steps to test with (the algorithm's intended regime). */
    abstract int steps();

    /** Allowed error of the sample mean and standard deviation. */
    double tolerance() {
        return 0.02;
    }

    @ParameterizedTest
    @EnumSource(NoiseSchedule.Kind.class)
    void reproducesTheMeanAndSpreadOfGaussianData(NoiseSchedule.Kind kind) {
        NoiseSchedule schedule = NoiseSchedule.of(kind, 1000);
        Sampler s = sampler(schedule);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(11);
            NDArray xT = m.randomNormal(new Shape(N / 4, 1, 2, 2));
            float[] before = xT.toFloatArray();
            List<Integer> progress = new ArrayList<>();
            NDArray x0 = s.sample(new GaussianData(schedule, MU, SIGMA), xT, steps(), progress::add);
            assertEquals(xT.getShape(), x0.getShape());
            assertArrayEquals(before, xT.toFloatArray(), "the input must not be modified");
            int expected = Math.min(steps(), schedule.timesteps());
            assertEquals(expected, progress.size());
            assertEquals(expected, progress.get(progress.size() - 1));
            double mean = x0.mean().getFloat();
            double std = Math.sqrt(x0.sub(mean).square().mean().getFloat());
            assertEquals(MU, mean, tolerance(), s.name() + " mean with " + kind);
            assertEquals(SIGMA, std, tolerance(), s.name() + " std with " + kind);
        }
    }
}
