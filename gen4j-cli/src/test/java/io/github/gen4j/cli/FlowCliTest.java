package io.github.gen4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.image.ChwImage;
import io.github.gen4j.image.Npy;
import io.github.gen4j.image.NpyArray;
import io.github.gen4j.image.PngImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end: train a tiny flow, sample with a temperature, encode an image and decode it back exactly. */
class FlowCliTest {

    @TempDir static Path tmp;
    static Path run;

    record Out(int code, String out, String err) {}

    static Out gen4j(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Out(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeAll
    static void trainTinyFlow() throws IOException {
        Out o = gen4j("train", "flow", "--data", "embedded", "--limit", "128", "--batch-size", "16", "--flow-steps", "1",
                "--hidden", "8", "--steps", "3", "--log-every", "1", "--out", tmp.toString());
        assertEquals(0, o.code(), o.err());
        try (Stream<Path> s = Files.list(tmp)) {
            run = s.filter(p -> p.getFileName().toString().startsWith("flow-")).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(run.resolve("samples/samples-t0.6-step-00000003.png")), "temperature grids");
    }

    @Test
    void sampleWithTemperatureAndEvalBitsPerDim() throws IOException {
        Out s = gen4j("sample", run.toString(), "--n", "4", "--temperature", "0.7", "--out",
                tmp.resolve("s.png").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("ms/image"), s.out());
        Out e = gen4j("eval", run.toString(), "--n", "20", "--iwae-k", "2", "--batch-size", "10");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("bpd") && e.out().contains("iw_bpd"), e.out());
    }

    @Test
    void encodeThenDecodeGivesTheImageBack() throws IOException {
        byte[] px = new byte[28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 37) % 256);
        }
        Path png = tmp.resolve("img.png");
        PngImages.write(png, px, 1, 28, 28);
        Out enc = gen4j("encode", run.toString(), png.toString());
        assertEquals(0, enc.code(), enc.err());
        Path npy = tmp.resolve("img.npy");
        NpyArray z = Npy.read(npy);
        assertArrayEquals(new int[] {1, 784}, z.shape());
        assertTrue(enc.out().contains("bpd"), enc.out());

        Path back = tmp.resolve("back.png");
        Out dec = gen4j("decode", run.toString(), npy.toString(), "--out", back.toString());
        assertEquals(0, dec.code(), dec.err());
        ChwImage img = PngImages.read(back, 1, 0);
        assertArrayEquals(px, img.chw(), "decode(encode(image)) must reproduce every pixel");
    }

    @Test
    void badLatentFilesAndFlagsGiveOneLineErrors() throws IOException {
        Path wrong = tmp.resolve("wrong.npy");
        Npy.writeFloat32(wrong, new float[10], 10);
        Out o = gen4j("decode", run.toString(), wrong.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("784") && o.err().strip().lines().count() == 1, o.err());

        Out missing = gen4j("encode", run.toString(), tmp.resolve("nope.png").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.png"), missing.err());

        Out cls = gen4j("sample", run.toString(), "--class", "2");
        assertEquals(2, cls.code());
        assertTrue(cls.err().contains("unconditional"), cls.err());

        Out arch = gen4j("train", "flow", "--arch", "maf", "--steps", "1", "--out", tmp.resolve("x").toString());
        assertEquals(2, arch.code());
        assertTrue(arch.err().contains("--arch"), arch.err());
    }
}
