package io.github.gen4j.diffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

/** DDPM with all 1000 steps (Algorithm 2 of Ho et al.). */
class DdpmSamplerTest extends SamplerContractTest {

    @Override
    Sampler sampler(NoiseSchedule schedule) {
        return new DdpmSampler(schedule, false);
    }

    @Override
    int steps() {
        return 1000;
    }

    @Test
    void respacedToFewerStepsStillReproducesTheData() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(2);
            NDArray x0 = new DdpmSampler(schedule, false).sample(new GaussianData(schedule, MU, SIGMA),
                    m.randomNormal(new Shape(N)), 250, null);
            double mean = x0.mean().getFloat();
            assertEquals(MU, mean, 0.02);
            assertEquals(SIGMA, Math.sqrt(x0.sub(mean).square().mean().getFloat()), 0.02);
        }
    }
}
