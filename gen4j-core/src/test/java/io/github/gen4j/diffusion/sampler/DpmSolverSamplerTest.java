package io.github.gen4j.diffusion.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DPM-Solver++(2M) in 20 steps; and it is far more accurate than DDIM for the same number of steps. */
class DpmSolverSamplerTest extends SamplerContractTest {

    @Override
    Sampler sampler(NoiseSchedule schedule) {
        return new DpmSolverSampler(schedule, false);
    }

    @Override
    int steps() {
        return 20;
    }

    private static double std(NDArray x) {
        double mean = x.mean().getFloat();
        return Math.sqrt(x.sub(mean).square().mean().getFloat());
    }

    @ParameterizedTest
    @EnumSource(NoiseSchedule.Kind.class)
    void beatsDdimAtFifteenSteps(NoiseSchedule.Kind kind) {
        NoiseSchedule schedule = NoiseSchedule.of(kind, 1000);
        NoisePredictor model = new GaussianData(schedule, MU, SIGMA);
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(8);
            NDArray xT = m.randomNormal(new Shape(N));
            double dpm = Math.abs(std(new DpmSolverSampler(schedule, false).sample(model, xT, 15, null)) - SIGMA);
            double ddim = Math.abs(std(new DdimSampler(schedule, 0, false).sample(model, xT, 15, null)) - SIGMA);
            assertTrue(dpm < 0.04 * SIGMA, "DPM-Solver++ spread error " + dpm);
            assertTrue(dpm < ddim / 3, "DPM-Solver++ " + dpm + " vs DDIM " + ddim);
        }
    }

    @Test
    void visitsLevelsEvenlySpacedInLogSnr() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000);
        int[] t = new DpmSolverSampler(schedule, false).timesteps(999, 20);
        assertEquals(20, t.length);
        assertEquals(999, t[0]);
        assertEquals(0, t[19]);
        double h = (schedule.lambda(0) - schedule.lambda(999)) / 19;
        for (int k = 1; k < 19; k++) {
            assertTrue(t[k] < t[k - 1]);
            assertEquals(h, schedule.lambda(t[k]) - schedule.lambda(t[k - 1]), 0.35 * h, "step " + k);
        }
        // starting lower (denoising) still ends at 0 with the requested count
        int[] low = new DpmSolverSampler(schedule, false).timesteps(100, 10);
        assertEquals(10, low.length);
        assertEquals(100, low[0]);
        assertEquals(0, low[9]);
    }
}
