package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.data.ImageFolderOptions;
import io.github.gen4j.data.TrainingData;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** interpolate, traverse, arithmetic, reconstruct and eval's smoothness on a tiny VAE and a tiny GAN. */
class LatentCliTest {

    @TempDir static Path tmp;
    static Path vae;
    static Path gan;
    static Path a;
    static Path b;

    static CliTest.Out gen4j(String... args) {
        return CliTest.gen4j(args);
    }

    static Path train(String family, String[] tiny) throws IOException {
        Path dir = tmp.resolve(family);
        CliTest.Out o = gen4j(CliTest.concat(CliTest.concat(new String[] {"train", family}, tiny), "--steps", "3",
                "--out", dir.toString()));
        assertEquals(0, o.code(), o.err());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(family + "-")).findFirst().orElseThrow();
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        vae = train("vae", CliTest.TINY);
        gan = train("gan", GanCliTest.TINY);
        ImageDataset test = TrainingData.resolve("embedded", Map.of(), ImageFolderOptions.defaults(), 0, 1).heldOut();
        byte[] px = new byte[784];
        a = tmp.resolve("a.png");
        b = tmp.resolve("b.png");
        test.copyImage(0, px, 0);
        PngImages.write(a, px, 1, 28, 28);
        test.copyImage(1, px, 0);
        PngImages.write(b, px, 1, 28, 28);
    }

    static int gifFrames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            return r.getNumImages(true);
        }
    }

    @Test
    void interpolateSeedsImagesAndClassesWritesStripAndGif() throws IOException {
        CliTest.Out s = gen4j("interpolate", vae.toString(), "--seeds", "1,2", "--steps", "5", "--out",
                tmp.resolve("seeds").toString());
        assertEquals(0, s.code(), s.err());
        BufferedImage strip = ImageIO.read(tmp.resolve("seeds.png").toFile());
        assertEquals(5 * 28 + 6 * 2, strip.getWidth());
        assertEquals(8, gifFrames(tmp.resolve("seeds.gif")), "5 frames there and 3 back");
        assertTrue(s.out().contains("|z| / sqrt(D)"), s.out());

        CliTest.Out i = gen4j("interpolate", vae.toString(), "--from", a.toString(), "--to", b.toString(), "--steps", "4",
                "--mode", "lerp", "--out", tmp.resolve("img.png").toString());
        assertEquals(0, i.code(), i.err());
        assertEquals(6 * 28 + 7 * 2, ImageIO.read(tmp.resolve("img.png").toFile()).getWidth(), "inputs frame the strip");
        assertTrue(i.out().contains("endpoints against the inputs"), i.out());

        CliTest.Out h = gen4j("interpolate", vae.toString(), "--indices", "3,4", "--steps", "3", "--out",
                tmp.resolve("held").toString());
        assertEquals(0, h.code(), h.err());
        assertEquals(5 * 28 + 6 * 2, ImageIO.read(tmp.resolve("held.png").toFile()).getWidth());

        CliTest.Out c = gen4j("interpolate", vae.toString(), "--classes", "ankle boot,7", "--per-class", "8",
                "--steps", "3", "--out", tmp.resolve("cls").toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(Files.isRegularFile(tmp.resolve("cls.gif")));

        CliTest.Out g = gen4j("interpolate", gan.toString(), "--from", a.toString(), "--to", b.toString(), "--steps",
                "3", "--recovery-steps", "5", "--recovery-restarts", "1", "--out", tmp.resolve("gan").toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("latent recovery"), g.out());
    }

    @Test
    void interpolateBadInputGivesOneLineAndNoFiles() {
        String r = vae.toString();
        String out = tmp.resolve("bad").toString();
        String[][] usage = {{"interpolate", r, "--out", out}, {"interpolate", r, "--seeds", "1,2", "--steps", "1", "--out", out},
            {"interpolate", r, "--seeds", "1,2", "--mode", "cubic", "--out", out}, {"interpolate", r, "--seeds", "1", "--out", out},
            {"interpolate", r, "--indices", "1,-2", "--out", out},
            {"interpolate", r, "--from", a.toString(), "--out", out},
            {"interpolate", r, "--seeds", "1,2", "--from", a.toString(), "--to", b.toString(), "--out", out}};
        for (String[] args : usage) {
            CliTest.Out o = gen4j(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
        CliTest.Out missing = gen4j("interpolate", r, "--from", tmp.resolve("nope.png").toString(), "--to", b.toString(),
                "--out", out);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--from") && missing.err().strip().lines().count() == 1, missing.err());
        CliTest.Out cls = gen4j("interpolate", r, "--seeds", "1,2", "--class", "3", "--out", out);
        assertEquals(2, cls.code());
        assertTrue(cls.err().contains("unconditional"), cls.err());
        CliTest.Out name = gen4j("interpolate", r, "--classes", "boots,7", "--out", out);
        assertEquals(2, name.code());
        assertTrue(name.err().contains("'boots' is not a class"), name.err());
        assertFalse(Files.exists(tmp.resolve("bad.png")) || Files.exists(tmp.resolve("bad.gif")));
    }

    @Test
    void traverseWalksTheTopCoordinatesAndRejectsBadInput() throws IOException {
        Path png = tmp.resolve("trav.png");
        CliTest.Out t = gen4j("traverse", vae.toString(), "--top", "3", "--steps", "5", "--kl-images", "50", "--out",
                png.toString());
        assertEquals(0, t.code(), t.err());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(5 * 28 + 6 * 2, grid.getWidth());
        assertEquals(3 * 28 + 4 * 2, grid.getHeight());
        assertTrue(t.out().contains("kl_nats") && t.out().contains("active coordinates"), t.out());
        CliTest.Out z = gen4j("traverse", vae.toString(), "--zero", "--dims", "0,2", "--kl-images", "10", "--out",
                tmp.resolve("trav0.png").toString());
        assertEquals(0, z.code(), z.err());

        CliTest.Out dims = gen4j("traverse", vae.toString(), "--dims", "9", "--out", tmp.resolve("x.png").toString());
        assertEquals(2, dims.code());
        assertTrue(dims.err().contains("--dims: 9"), dims.err());
        assertEquals(2, gen4j("traverse", vae.toString(), "--range", "0").code());
        assertEquals(2, gen4j("traverse", vae.toString(), "--zero", "--image", a.toString()).code());
        CliTest.Out notVae = gen4j("traverse", gan.toString(), "--out", tmp.resolve("y.png").toString());
        assertEquals(2, notVae.code());
        assertTrue(notVae.err().contains("gan model"), notVae.err());
        assertFalse(Files.exists(tmp.resolve("x.png")) || Files.exists(tmp.resolve("y.png")));
    }

    @Test
    void arithmeticReconstructAndEvalSmoothness() throws IOException {
        Path png = tmp.resolve("arith.png");
        CliTest.Out ar = gen4j("arithmetic", vae.toString(), "--plus", "ankle boot", "--minus", "sneaker", "--n", "2",
                "--scales", "0,1", "--per-class", "8", "--out", png.toString());
        assertEquals(0, ar.code(), ar.err());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(3 * 28 + 4 * 2, grid.getWidth());
        assertEquals(3 * 28 + 4 * 2, grid.getHeight());
        assertTrue(ar.out().contains("classified by fmnistcnn"), ar.out());

        CliTest.Out rg = gen4j("reconstruct", gan.toString(), "--n", "3", "--recovery-steps", "5", "--out",
                tmp.resolve("rg.png").toString());
        assertEquals(0, rg.code(), rg.err());
        assertTrue(rg.out().contains("via: recovered by optimization") && rg.out().contains("mean "), rg.out());

        CliTest.Out e = gen4j("eval", vae.toString(), "--no-likelihood", "--num-samples", "20", "--reference-n", "50",
                "--kid-subsets", "2", "--kid-subset-size", "10", "--smoothness-pairs", "3", "--smoothness-steps", "4");
        assertEquals(0, e.code(), e.err());
        JsonNode sm = Json.MAPPER.readTree(vae.resolve("eval.json").toFile()).path("smoothness");
        assertEquals(3, sm.path("pairs").asInt(), sm.toString());
        assertTrue(sm.path("interp_step_fmnistcnn").asDouble() > 0, sm.toString());
        assertTrue(sm.path("interp_path_ratio_fmnistcnn").asDouble() >= 1 - 1e-9, sm.toString());
        assertTrue(e.out().contains("interp_step_cv"), e.out());
        assertEquals(2, gen4j("eval", vae.toString(), "--smoothness-steps", "2").code());
    }
}
