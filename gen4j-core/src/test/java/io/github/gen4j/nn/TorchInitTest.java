package io.github.gen4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class TorchInitTest {

    @Test
    void weightsAndBiasesAreUniformWithinOneOverSqrtFanIn() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            SequentialBlock net = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(64).build()) // fan_in 16 x 9
                    .add(GroupNorm.withSilu(8))
                    .add(ai.djl.nn.Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(512).build()); // fan_in 64 x 4 x 4
            net.initialize(m, DataType.FLOAT32, new Shape(2, 16, 6, 6));
            assertEquals(2, TorchInit.apply(net));
            int checked = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray a = p.getValue().getArray();
                String name = p.getKey();
                double fanIn = name.startsWith("01") ? 16 * 9 : 64 * 4 * 4;
                double bound = 1 / Math.sqrt(fanIn);
                switch (p.getValue().getType()) {
                    case WEIGHT, BIAS -> {
                        // U(-b, b): every value inside, the spread of a uniform (std b / sqrt(3)), not DJL's
                        // N(0, 2 / fan_in) (std 2.45x larger) and, for the biases, not zeros
                        assertTrue(a.abs().max().getFloat() <= bound, name);
                        if (a.size() >= 64) {
                            double std = Math.sqrt(a.square().mean().getFloat());
                            assertEquals(bound / Math.sqrt(3), std, 0.25 * bound / Math.sqrt(3), name);
                        }
                        assertTrue(a.abs().sum().getFloat() > 0, name);
                        checked++;
                    }
                    case GAMMA -> assertEquals(a.size(), a.sum().getFloat(), 1e-6, name); // ones kept
                    case BETA -> assertEquals(0, a.abs().sum().getFloat(), 1e-6, name); // zeros kept
                    default -> { }
                }
            }
            assertEquals(4, checked); // two weights, two biases
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        float[][] w = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(11);
                Linear l = Linear.builder().setUnits(8).build();
                l.initialize(m, DataType.FLOAT32, new Shape(1, 5));
                TorchInit.apply(l);
                w[i] = l.getParameters().get("weight").getArray().toFloatArray();
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(w[0], w[1]);
    }
}
