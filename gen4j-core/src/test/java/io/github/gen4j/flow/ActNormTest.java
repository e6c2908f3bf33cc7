package io.github.gen4j.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import org.junit.jupiter.api.Test;

class ActNormTest {

    @Test
    void dataDependentInitGivesZeroMeanUnitStdPerChannelOnTheInitBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(7);
            ActNorm a = new ActNorm(new Shape(3, 5, 5));
            a.initialize(m);
            // channels with very different offsets and scales
            NDArray x = m.randomNormal(new Shape(16, 3, 5, 5))
                    .mul(m.create(new float[] {0.1f, 3f, 20f}, new Shape(1, 3, 1, 1)))
                    .add(m.create(new float[] {-4f, 0.5f, 100f}, new Shape(1, 3, 1, 1)));
            a.initializeFrom(x);
            NDArray y = a.forward(new ParameterStore(m, false), x, null).y();
            NDArray perChannel = y.transpose(1, 0, 2, 3).reshape(3, -1);
            float[] mean = perChannel.mean(new int[] {1}).toFloatArray();
            float[] std = perChannel.sub(perChannel.mean(new int[] {1}).reshape(3, 1)).square()
                    .mean(new int[] {1}).sqrt().toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(0, mean[c], 1e-4, "mean of channel " + c);
                assertEquals(1, std[c], 1e-3, "std of channel " + c);
            }
        }
    }
}
