package io.github.gen4j.testing;

import io.github.gen4j.data.ImageDataset;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic image sets for fast tests: class 0 = filled square, 1 = ring, 2 = horizontal bar. */
public final class TestImages {

    private TestImages() {}

    public static ImageDataset shapes(int n, int channels, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * channels * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int cls = rng.nextInt(3);
            labels[i] = cls;
            double cx = size / 2.0 + rng.nextDouble(-1, 1);
            double cy = size / 2.0 + rng.nextDouble(-1, 1);
            double r = size / 4.0 + rng.nextDouble(0, 1);
            int bright = 150 + rng.nextInt(100);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double d = Math.hypot(x - cx, y - cy);
                        boolean on = switch (cls) {
                            case 0 -> Math.abs(x - cx) < r && Math.abs(y - cy) < r;
                            case 1 -> Math.abs(d - r) < 1.0;
                            default -> Math.abs(y - cy) < 1.5;
                        };
                        px[((i * channels + c) * size + y) * size + x] = (byte) (on ? bright : rng.nextInt(20));
                    }
                }
            }
        }
        return new ImageDataset("test shapes", px, n, channels, size, size, labels,
                List.of("square", "ring", "bar"));
    }
}
