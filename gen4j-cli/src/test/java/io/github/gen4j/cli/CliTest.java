package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.NpyArray;
import io.github.gen4j.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end tests of the command line on a tiny VAE and the embedded data (seconds, not minutes). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliTest {

    @TempDir static Path tmp;
    static Path run;

    record Out(int code, String out, String err) {}

    static Out gen4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = commandLine(out, err).execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    /** A command's result and what it printed on the process's standard error (where warnings go). */
    record Captured(Out out, String stderr) {}

    static Captured gen4jCapturingStderr(String... args) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            return new Captured(gen4j(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
    }

    /** The CLI printing into {@code out} and {@code err}. */
    static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    static final String[] TINY = {"--data", "embedded", "--limit", "256", "--batch-size", "32", "--widths", "8,16",
        "--hidden", "32", "--latent", "4", "--log-every", "1", "--eval-every", "2"};

    /** The first entry of dir whose name starts with prefix (a run folder that a command created). */
    static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @BeforeAll
    static void trainTinyRun() throws IOException {
        Out o = gen4j(concat(concat(new String[] {"train", "vae"}, TINY), "--steps", "4", "--out", tmp.toString()));
        assertEquals(0, o.code(), o.err());
        run = only(tmp, "vae-");
        assertTrue(o.out().contains("embedded Fashion-MNIST"), o.out());
        assertTrue(o.out().contains("run folder: " + run), o.out());
    }

    @Test
    @Order(1)
    void trainWritesACompleteRunFolder() throws IOException {
        assertTrue(Files.isRegularFile(run.resolve("config.json")));
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertEquals("vae", cfg.path("family").asText());
        assertEquals("embedded", cfg.path("data").path("spec").asText());
        assertEquals(4, cfg.path("model").path("latentDim").asInt());
        assertTrue(Files.readString(run.resolve("checkpoints/latest")).contains("step-00000004.ckpt"));
        assertTrue(Files.readAllLines(run.resolve("metrics.jsonl")).size() >= 4);
        BufferedImage grid = ImageIO.read(run.resolve("samples/samples-step-00000004.png").toFile());
        assertEquals(8 * 28 + 9 * 2, grid.getWidth());
        assertTrue(Files.isRegularFile(run.resolve("samples/reconstructions-step-00000004.png")));
    }

    @Test
    @Order(2)
    void sampleWritesNpyAndPng() throws IOException {
        Path npy = tmp.resolve("s.npy");
        Out o = gen4j("sample", run.toString(), "--n", "10", "--out", npy.toString());
        assertEquals(0, o.code(), o.err());
        NpyArray a = Npy.read(npy);
        assertArrayEquals(new int[] {10, 1, 28, 28}, a.shape());
        assertEquals("|u1", a.descr());
        Path png = tmp.resolve("s.png");
        assertEquals(0, gen4j("sample", run.toString(), "--n", "9", "--out", png.toString()).code());
        assertEquals(3 * 28 + 4 * 2, ImageIO.read(png.toFile()).getWidth());
        assertTrue(o.out().contains("ms/image"), o.out());

        // .npy is streamed batch by batch: a count that is no multiple of the batch size
        Out streamed = gen4j("sample", run.toString(), "--n", "23", "--batch-size", "8", "--out", npy.toString());
        assertEquals(0, streamed.code(), streamed.err());
        assertArrayEquals(new int[] {23, 1, 28, 28}, Npy.read(npy).shape());
        // a grid too large for one PNG is refused before sampling, pointing to .npy (it used to overflow an int)
        Path nowhere = tmp.resolve("no-such-folder").resolve("huge.png");
        Out huge = gen4j("sample", run.toString(), "-n", "3000000", "--out", nowhere.toString());
        assertEquals(2, huge.code());
        assertTrue(huge.err().contains("--n 3000000: a PNG grid holds at most 10000 images"), huge.err());
        assertFalse(Files.exists(nowhere.getParent()));
    }

    @Test
    @Order(3)
    void reconstructAndEvalReportNumbers() throws IOException {
        Out r = gen4j("reconstruct", run.toString(), "--n", "8", "--out", tmp.resolve("r.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mean "), r.out());
        Out e = gen4j("eval", run.toString(), "--n", "20", "--iwae-k", "5", "--batch-size", "10", "--num-samples", "0");
        assertEquals(0, e.code(), e.err());
        JsonNode j = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        double elbo = j.path("likelihood").path("elbo_bpd").asDouble();
        double iwae = j.path("likelihood").path("iwae_bpd").asDouble();
        assertTrue(elbo > 0 && elbo < 20, "elbo " + elbo);
        assertTrue(iwae <= elbo + 1e-6, iwae + " > " + elbo);
        assertEquals(20, j.path("likelihood").path("images").asInt());
    }

    @Test
    @Order(4)
    void resumeContinuesTheRun() throws IOException {
        Out o = gen4j("train", "vae", "--resume", run.toString(), "--steps", "6");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("resumed from"), o.out());
        assertTrue(Files.readString(run.resolve("checkpoints/latest")).contains("step-00000006.ckpt"));
        // the run trained on its first 256 images (--limit): the resumed run does too, without --limit again
        assertTrue(o.out().contains("training on the first 256 images"), o.out());
        assertFalse(o.err().contains("warning: resuming on"), o.err());
        // a different --limit is followed, with a warning (on standard error, as every warning) naming both counts
        Captured other = gen4jCapturingStderr("train", "vae", "--resume", run.toString(), "--steps", "7",
                "--limit", "128");
        assertEquals(0, other.out().code(), other.out().err());
        assertTrue(other.stderr().contains(
                "warning: resuming on 128 training images; the run trained on 256 until now"), other.stderr());
    }

    @Test
    void badInputGivesOneLineAndNonZeroExit() throws IOException {
        Out missing = gen4j("train", "vae", "--data", tmp.resolve("nope").toString(), "--steps", "1");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope") && missing.err().strip().lines().count() == 1, missing.err());

        Out badBudget = gen4j("train", "vae", "--budget", "10x");
        assertEquals(2, badBudget.code());
        assertTrue(badBudget.err().contains("10x"), badBudget.err());

        Out badBatch = gen4j(concat(new String[] {"train", "vae", "--data", "embedded", "--steps", "1"},
                "--batch-size", "0", "--out", tmp.resolve("x").toString()));
        assertEquals(2, badBatch.code());
        assertTrue(badBatch.err().contains("--batch-size must be >= 1"), badBatch.err());

        Path noFolder = tmp.resolve("too-small");
        Out tooBig = gen4j("train", "vae", "--data", "embedded", "--limit", "16", "--batch-size", "32", "--steps", "1",
                "--out", noFolder.toString());
        assertEquals(2, tooBig.code());
        assertTrue(tooBig.err().contains("fewer than one batch of 32"), tooBig.err());
        assertFalse(Files.exists(noFolder), "a refused run leaves no folder");

        Out noRun = gen4j("sample", tmp.resolve("no-run").toString());
        assertEquals(1, noRun.code());
        assertTrue(noRun.err().contains("no such run folder"), noRun.err());

        Out badOut = gen4j("sample", run.toString(), "--out", tmp.resolve("x.jpg").toString());
        assertEquals(2, badOut.code());
        assertTrue(badOut.err().contains(".png or .npy"), badOut.err());

        Out badClass = gen4j("sample", run.toString(), "--class", "3");
        assertEquals(2, badClass.code());
        assertTrue(badClass.err().contains("unconditional"), badClass.err());

        // an IDX file of 16x16 images cannot be reconstructed by a model trained on 28x28
        Path idx = tmp.resolve("small-idx3-ubyte");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(0x00000803);
            d.writeInt(20);
            d.writeInt(16);
            d.writeInt(16);
            d.write(new byte[20 * 16 * 16]);
        }
        Files.write(idx, bytes.toByteArray());
        Out wrongSize = gen4j("reconstruct", run.toString(), "--data", idx.toString());
        assertEquals(2, wrongSize.code());
        assertTrue(wrongSize.err().contains("1x16x16") && wrongSize.err().contains("1x28x28"), wrongSize.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"--help"}, {"train", "vae", "--help"}, {"sample", "--help"},
            {"reconstruct", "--help"}, {"eval", "--help"}, {"info", "--help"}, {"bench", "--help"}}) {
            Out o = gen4j(cmd);
            assertEquals(0, o.code(), String.join(" ", cmd));
            assertTrue(o.out().contains("Usage:"), o.out());
        }
    }

    @Test
    void decompressionBombInATrainingFolderIsSkippedFromItsHeader() throws IOException {
        Path folder = tmp.resolve("bomb-folder");
        Files.createDirectories(folder);
        for (int i = 0; i < 8; i++) {
            ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png",
                    folder.resolve("img" + i + ".png").toFile());
        }
        // a valid 1x1 PNG whose header is rewritten to declare 40000x40000 pixels (IHDR at bytes 16-32)
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        ByteBuffer b = ByteBuffer.wrap(png.toByteArray());
        b.putInt(16, 40000).putInt(20, 40000);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17); // chunk type and data
        b.putInt(29, (int) crc.getValue());
        Path bomb = folder.resolve("bomb.png");
        Files.write(bomb, b.array());

        Captured c = gen4jCapturingStderr("train", "vae", "--data", folder.toString(), "--widths", "8,16", "--hidden",
                "32", "--latent", "4", "--batch-size", "4", "--steps", "1", "--out", tmp.resolve("bomb-runs").toString());
        Out o = c.out();
        assertEquals(0, o.code(), o.err());
        List<String> warnings = c.stderr().lines().filter(l -> l.contains("warning")).toList();
        assertEquals(List.of("warning: skipping " + bomb + ": image is 40000x40000 = 1600000000 pixels, over the"
                + " limit of 50000000 (--max-pixels); not decoded"), warnings);

        Out badLimit = gen4j("train", "vae", "--data", folder.toString(), "--max-pixels", "0", "--steps", "1",
                "--out", tmp.resolve("bomb-runs").toString());
        assertEquals(2, badLimit.code());
        assertTrue(badLimit.err().contains("--max-pixels must be > 0"), badLimit.err());
    }

    @Test
    void benchMemoryTrainsAnyFamilysDefaultModel() {
        Out o = gen4j("bench", "memory", "--family", "gan", "--steps", "2", "--every", "1", "--batch-size", "8",
                "--data", "embedded", "--limit", "64");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("bench memory: gan, 2 steps of batch 8"), o.out());
        assertTrue(o.out().contains("RSS after warm-up (step 2)"), o.out());
        Out bad = gen4j("bench", "memory", "--family", "nope", "--steps", "2", "--data", "embedded");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown model family 'nope'"), bad.err());
    }
}
