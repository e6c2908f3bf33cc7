package io.github.gen4j.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.Batcher;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.model.LikelihoodModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/** Averages a {@link LikelihoodModel}'s bounds over a held-out set, batch by batch. */
public final class Likelihoods {

    private Likelihoods() {}

    /**
     * Mean bounds over the first {@code n} images of {@code data} (all if n <= 0).
     *
     * @param samples importance samples per image (IWAE k)
     * @param batchSize images per forward pass (memory: batchSize * samples decoder evaluations)
     * @param progress called with the number of images done, may be null
     */
    public static Map<String, Double> evaluate(LikelihoodModel model, NDManager parent, ImageDataset data, int n,
            int samples, int batchSize, long seed, IntConsumer progress) {
        Engine engine = Gen4j.engine();
        int total = n <= 0 ? data.size() : Math.min(n, data.size());
        Map<String, Double> sum = new LinkedHashMap<>();
        for (int from = 0; from < total; from += batchSize) {
            try (NDManager m = parent.newSubManager()) {
                engine.setRandomSeed((int) ((seed * 31 + from) & 0x7FFFFFFF));
                var batch = Batcher.range(data, from, Math.min(batchSize, total - from), m);
                model.bitsPerDimSum(m, batch, samples).forEach((k, v) -> sum.merge(k, v, Double::sum));
            }
            if (progress != null) {
                progress.accept(Math.min(total, from + batchSize));
            }
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        sum.forEach((k, v) -> mean.put(k, v / total));
        mean.put("images", (double) total);
        mean.put("samples", (double) samples);
        return mean;
    }
}
