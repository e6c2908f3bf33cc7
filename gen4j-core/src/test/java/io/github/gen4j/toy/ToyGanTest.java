package io.github.gen4j.toy;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.gen4j.gan.GanPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyGanTest {

    static final int STEPS = 400;

    static ToyGan.Result run(GanPreset preset, Path plots) throws IOException {
        ToyGanConfig cfg = ToyGanConfig.defaults(preset).withSteps(STEPS, STEPS / 2).withBatchSize(128).withSeed(1);
        // std 0.1 (3 sigma = 0.3) so that a few hundred steps give a clear count; the CLI default is 0.05
        return ToyGan.run(cfg, new RingOfGaussians(8, 2.0, 0.1), preset.cliName(), plots, Device.cpu(), line -> { });
    }

    @Test
    void stabilizedSettingCoversMoreModesThanThePlainOne(@TempDir Path tmp) throws IOException {
        ToyGan.Result plain = run(GanPreset.PLAIN, tmp);
        ToyGan.Result stable = run(GanPreset.STABILIZED, tmp);
        assertNull(stable.diverged());
        int p = plain.diverged() != null ? 0 : plain.last().covered();
        int s = stable.last().covered();
        assertTrue(s > p, "modes covered within 3 sigma after " + STEPS + " steps: plain " + p + ", stabilized " + s);
        assertTrue(Files.isRegularFile(tmp.resolve(String.format("stabilized-step-%06d.png", STEPS))));
        assertTrue(Files.isRegularFile(tmp.resolve(String.format("plain-step-%06d.png", STEPS / 2))));
    }
}
