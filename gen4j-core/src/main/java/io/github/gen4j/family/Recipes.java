package io.github.gen4j.family;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.train.TrainConfig;

/** What the families' comparison recipes share: their training-setting changes and the square-image check. */
final class Recipes {

    private Recipes() {}

    /** {@code t} with a family's learning rate, warm-up and EMA decay. */
    static TrainConfig tune(TrainConfig t, double lr, int warmup, double ema) {
        return tune(t, lr, warmup, ema, t.cosine());
    }

    /** {@code t} with a family's learning rate, warm-up, EMA decay and whether the learning rate decays. */
    static TrainConfig tune(TrainConfig t, double lr, int warmup, double ema, boolean cosine) {
        return new TrainConfig(t.steps(), t.budgetSeconds(), t.batchSize(), lr, t.beta1(), t.beta2(),
                t.weightDecay(), warmup, cosine, t.minLrRatio(), t.gradClip(), ema, t.logEvery(),
                t.sampleEvery(), t.evalEvery(), t.checkpointEvery(), t.checkpointSeconds(), t.keepCheckpoints(),
                t.nanPolicy(), t.maxRollbacks(), t.seed());
    }

    /** Refuses non-square images, which the family's network ({@code what}) cannot take. */
    static void requireSquare(ImageDataset d, String what) {
        if (d.height() != d.width()) {
            throw new IllegalArgumentException("--data: images are " + d.height() + "x" + d.width() + ", the "
                    + what + " needs square images (use --image-size)");
        }
    }
}
