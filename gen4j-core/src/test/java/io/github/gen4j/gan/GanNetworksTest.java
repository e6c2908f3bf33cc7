package io.github.gen4j.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.gen4j.Gen4j;
import io.github.gen4j.model.SampleOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GanNetworksTest {

    @ParameterizedTest
    @CsvSource({"1, 28, false", "3, 32, false", "3, 64, false", "1, 28, true", "3, 32, true"})
    void generatorAndDiscriminatorShapesForEverySize(int c, int size, boolean sn) {
        GanRecipe r = GanPreset.STABILIZED.recipe().withSpectralNorm(sn);
        GanConfig cfg = GanConfig.defaults(c, size, r).withClasses(sn ? 10 : 0);
        GanTask task = new GanTask(cfg);
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y = cfg.conditional() ? Latents.oneHot(Latents.labels(m, 3, 10, -1), 10) : null;
            NDArray x = task.generator().generate(ps, Latents.normal(m, 3, cfg.latentDim(), 0), y, false);
            assertEquals(new Shape(3, c, size, size), x.getShape());
            assertTrue(x.abs().max().getFloat() <= 1f, "tanh output in [-1, 1]");
            NDArray s = task.discriminator().score(ps, x, y, true);
            assertEquals(new Shape(3), s.getShape());
            assertEquals(new Shape(3), task.discriminator().getOutputShapes(new Shape[] {x.getShape()})[0]);
            assertEquals(x.getShape(), task.generator().getOutputShapes(new Shape[] {new Shape(3, cfg.latentDim())})[0]);
            NDArray img = task.generate(m, 2, SampleOptions.defaults().withClass(cfg.conditional() ? 1 : -1));
            assertTrue(img.min().getFloat() >= 0f && img.max().getFloat() <= 1f, "samples in [0, 1]");
        }
    }

    @Test
    void conditionalGeneratorAndDiscriminatorUseTheLabel() {
        GanTask task = new GanTask(GanTestSupport.tiny(GanPreset.STABILIZED.recipe(), 3));
        try (NDManager m = NDManager.newBaseManager()) {
            task.initialize(m);
            Gen4j.engine().setRandomSeed(5);
            float[] a = task.generate(m, 4, SampleOptions.ofClass(0)).toFloatArray();
            Gen4j.engine().setRandomSeed(5);
            float[] b = task.generate(m, 4, SampleOptions.ofClass(2)).toFloatArray();
            Gen4j.engine().setRandomSeed(5);
            float[] a2 = task.generate(m, 4, SampleOptions.ofClass(0)).toFloatArray();
            assertArrayEquals(a, a2, "same latents and class give the same images");
            assertNotEquals(Arrays.toString(a), Arrays.toString(b), "only the label changed, the images must change");

            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            float[] s0 = task.discriminator().score(ps, x, Latents.oneHot(m.create(new int[] {0, 0}), 3), false)
                    .toFloatArray();
            float[] s1 = task.discriminator().score(ps, x, Latents.oneHot(m.create(new int[] {1, 1}), 3), false)
                    .toFloatArray();
            assertNotEquals(Arrays.toString(s0), Arrays.toString(s1), "the projection term depends on the label");
            assertThrows(IllegalArgumentException.class, () -> task.generate(m, 1, SampleOptions.ofClass(3)));
        }
    }

    @Test
    void truncationKeepsLatentsInsideTheBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            Gen4j.engine().setRandomSeed(3);
            NDArray z = Latents.normal(m, 500, 16, 0.5);
            assertTrue(z.abs().max().getFloat() <= 0.5f);
            // a truncated normal, not a clipped one: almost no values sit exactly on the bound
            float atBound = z.abs().gte(0.4999f).toType(DataType.FLOAT32, false).sum().getFloat();
            assertTrue(atBound < 10, atBound + " values on the bound");
        }
    }

    @Test
    void diversityIsTheMeanPairwiseDistance() {
        try (NDManager m = NDManager.newBaseManager()) {
            // an equilateral triangle with side 2: every pair is 2 apart
            NDArray tri = m.create(new float[] {0, 0, 2, 0, 1, (float) Math.sqrt(3)}, new Shape(3, 2));
            assertEquals(2.0, Diversity.meanPairwiseDistance(tri), 1e-4);
            NDArray same = m.ones(new Shape(5, 1, 4, 4));
            assertEquals(0.0, Diversity.meanPairwiseDistance(same), 1e-3);
        }
    }

    @Test
    void fashionMnistDefaultIsTheHalfWidthDcganWhileTheVaeGanKeepsTheTextbookDiscriminator() {
        // the half-width GAN won at compare's budget (bench/results/size-sweep-gan-10m, compare-10m-gan-half)
        GanConfig g = GanConfig.defaults(1, 28, GanPreset.DEFAULT.recipe());
        assertEquals(java.util.List.of(64, 32, 16), g.generatorWidths());
        assertEquals(java.util.List.of(32, 64), g.discriminatorWidths());
        assertEquals(7, g.generatorStartSize());
        assertEquals(7, g.discriminatorEndSize());
        // the VAE-GAN's discriminator was not part of that measurement: it stays the textbook one
        assertEquals(java.util.List.of(64, 128),
                io.github.gen4j.hybrid.VaeGanConfig.defaults(1, 28).discriminatorWidths());
        assertEquals(java.util.List.of(64, 128, 256), GanConfig.dcganDiscriminatorWidths(32));
        assertEquals(java.util.List.of(64), GanConfig.dcganDiscriminatorWidths(2)); // one halving fits 2x2
    }

    @Test
    void defaultsFitEverySizeSoTheUsersWidthsAreWhatIsChecked() {
        GanConfig small = GanConfig.defaults(1, 12, GanPreset.DEFAULT.recipe());
        assertEquals(java.util.List.of(128, 64, 32), small.generatorWidths()); // 3x3 first map, two doublings
        assertEquals(java.util.List.of(64, 128, 256), small.discriminatorWidths());
        assertEquals(java.util.List.of(8, 16), small.withWidths(java.util.List.of(8, 16), java.util.List.of(8))
                .generatorWidths());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> small.withWidths(java.util.List.of(8, 16, 32, 64), java.util.List.of(8)));
        assertTrue(e.getMessage().startsWith("--g-widths: 4 resolutions"), e.getMessage()); // the user's widths
        io.github.gen4j.vae.VaeConfig vae = io.github.gen4j.vae.VaeConfig.defaults(1, 12);
        assertEquals(java.util.List.of(32, 64), vae.widths());
        assertEquals(java.util.List.of(8, 16), vae.withWidths(java.util.List.of(8, 16), 32).widths());
    }
}
