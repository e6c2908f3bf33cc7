package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.family.FamilyRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argument lists the studio builds for jobs, and every field it refuses (400 naming the field). */
class JobArgsTest {

    @TempDir Path tmp;
    Path runs;
    String root;
    JobArgs args;

    @BeforeEach
    void setUp() throws IOException {
        runs = Files.createDirectories(tmp.resolve("runs"));
        RunIndex index = new RunIndex(new RunIds(runs));
        root = index.ids().root().toString();
        args = new JobArgs(index, DataChoices.of(Map.of(), null));
    }

    private static List<String> list(String... a) {
        return new ArrayList<>(List.of(a));
    }

    private List<String> withOut(List<String> a) {
        a.addAll(List.of("--out", root));
        return a;
    }

    @Test
    void trainingWithEveryFieldGivesExactlyTheseArguments() {
        JobArgs.Spec s = args.parse("{\"kind\": \"train\", \"family\": \"vae\", \"size\": \"tiny\", \"steps\": 30,"
                + " \"budget\": 90, \"seed\": 7, \"batch\": 16, \"data\": \"embedded\", \"limit\": 256}");
        assertEquals(withOut(list("train", "vae", "--steps", "30", "--budget", "90s", "--seed", "7", "--batch-size",
                "16", "--data", "embedded", "--limit", "256", "--widths", "8,16", "--hidden", "64", "--latent", "8")),
                s.args());
        assertEquals("train", s.kind());
    }

    @Test
    void aMinimalTrainingUsesTheDefaultsOfTheCli() {
        assertEquals(withOut(list("train", "flow", "--data", "embedded")),
                args.parse("{\"kind\": \"train\", \"family\": \"flow\"}").args());
    }

    @Test
    void aGanGetsItsPresetTheDefaultOneIfNoneIsChosen() {
        assertEquals(withOut(list("train", "gan", "--preset", "plain", "--data", "embedded")),
                args.parse("{\"kind\": \"train\", \"family\": \"gan\"}").args());
        assertEquals(withOut(list("train", "gan", "--steps", "5", "--preset", "wgan-gp", "--data", "embedded",
                "--g-widths", "8,8,8", "--d-widths", "8,8", "--latent", "16")), args.parse("{\"kind\": \"train\","
                        + " \"family\": \"gan\", \"preset\": \"wgan-gp\", \"steps\": 5, \"size\": \"tiny\"}").args());
    }

    @Test
    void everyFamilyHasATinyModel() {
        for (String f : FamilyRegistry.names()) {
            List<String> a = args.parse("{\"kind\": \"train\", \"family\": \"" + f + "\", \"size\": \"tiny\"}").args();
            assertTrue(a.size() > 6, f + ": " + a);
        }
    }

    @Test
    void dataIsChosenByNameAndTheServerSuppliesThePath() throws IOException {
        Path fmnist = Files.createDirectories(tmp.resolve("fmnist"));
        Files.writeString(fmnist.resolve("train-images-idx3-ubyte"), "x");
        Path folder = Files.createDirectories(tmp.resolve("my images"));
        JobArgs a = new JobArgs(new RunIndex(new RunIds(runs)), DataChoices.of(Map.of("GEN4J_DATA", folder.toString()),
                fmnist));
        assertEquals(List.of("embedded", "fashion-mnist", "GEN4J_DATA"), a.data().names());
        assertEquals(withOut(list("train", "vae", "--data", fmnist.toAbsolutePath().toString())),
                a.parse("{\"kind\": \"train\", \"family\": \"vae\", \"data\": \"fashion-mnist\"}").args());
        assertEquals(withOut(list("train", "vae", "--data", folder.toAbsolutePath().toString())),
                a.parse("{\"kind\": \"train\", \"family\": \"vae\", \"data\": \"GEN4J_DATA\"}").args());
        // a folder of images of unknown size has no tiny GAN
        bad(a, 400, "size:", "{\"kind\": \"train\", \"family\": \"gan\", \"data\": \"GEN4J_DATA\", \"size\": \"tiny\"}");
    }

    @Test
    void theDemonstrationIsCompareWithOnlyOut() {
        assertEquals(withOut(list("compare")), args.parse("{\"kind\": \"compare\", \"demo\": true}").args());
    }

    @Test
    void aChosenComparisonNamesItsFamiliesSoItIsNeverTheDemonstration() {
        assertEquals(withOut(list("compare", "--families", "gan,vae", "--seeds", "2", "--budget", "60s", "--models",
                "tiny", "--seed", "3", "--data", "embedded", "--limit", "500")), args.parse("{\"kind\": \"compare\","
                        + " \"families\": [\"gan\", \"vae\"], \"seeds\": 2, \"budget\": 60, \"size\": \"tiny\","
                        + " \"seed\": 3, \"limit\": 500}").args());
        assertEquals(withOut(list("compare", "--families", String.join(",", FamilyRegistry.names()), "--seeds", "1",
                "--models", "default", "--data", "embedded")), args.parse("{\"kind\": \"compare\", \"demo\": false}").args());
    }

    /** A stopped vae run trained on the first 256 images, with a checkpoint. */
    private Path stoppedRun(String name, String state, long pid) throws IOException {
        Path run = Files.createDirectories(runs.resolve(name).resolve("checkpoints"));
        Files.writeString(run.resolve("step-00000005.ckpt"), "x");
        Path dir = run.getParent();
        Files.writeString(dir.resolve("config.json"), "{\"family\": \"vae\", \"train\": {\"steps\": 100}, \"data\":"
                + " {\"description\": \"data: embedded; training on the first 256 images (--limit)\", \"trainSize\": 256}}");
        Files.writeString(dir.resolve("status.json"), "{\"state\": \"" + state + "\", \"pid\": " + pid + ", \"host\": \""
                + RunProcesses.localHost() + "\", \"started\": \"2026-01-01T00:00:00Z\", \"updated\":"
                + " \"2026-01-01T00:00:00Z\", \"step\": 5, \"message\": \"\"}");
        return dir;
    }

    @Test
    void resumingARunContinuesItsFolderWithItsFamilyAndItsImageLimit() throws IOException {
        Path dir = stoppedRun("vae-1", "STOPPED", 1);
        JobArgs.Spec s = args.parse("{\"kind\": \"resume\", \"run\": \"vae-1\", \"steps\": 50}");
        assertEquals(List.of("train", "vae", "--resume", dir.toRealPath().toString(), "--steps", "50", "--limit", "256"),
                s.args());
        assertEquals("vae-1", s.run());
    }

    @Test
    void resumingAComparisonIsCompareResume() throws IOException {
        Path cmp = Files.createDirectories(runs.resolve("compare-1"));
        Files.writeString(cmp.resolve("settings.json"), "{}");
        JobArgs.Spec s = args.parse("{\"kind\": \"resume\", \"comparison\": \"compare-1\"}");
        assertEquals(List.of("compare", "--resume", cmp.toRealPath().toString()), s.args());
        assertEquals("compare-1", s.comparison());
    }

    @Test
    void aRunThatCannotBeResumedIsRefusedWithTheReason() throws IOException {
        stoppedRun("live", "TRAINING", ProcessHandle.current().pid());
        bad(args, 409, "run: 'live' is training", "{\"kind\": \"resume\", \"run\": \"live\"}");
        Path none = stoppedRun("no-ckpt", "STOPPED", 1);
        Files.delete(none.resolve("checkpoints").resolve("step-00000005.ckpt"));
        bad(args, 409, "run: 'no-ckpt' has no checkpoint", "{\"kind\": \"resume\", \"run\": \"no-ckpt\"}");
        Path cmp = Files.createDirectories(runs.resolve("compare-2"));
        Files.writeString(cmp.resolve("settings.json"), "{}");
        stoppedRun("compare-2/runs/vae-seed1", "STOPPED", 1);
        bad(args, 409, "run: 'compare-2/runs/vae-seed1' belongs to the comparison compare-2",
                "{\"kind\": \"resume\", \"run\": \"compare-2/runs/vae-seed1\"}");
        bad(args, 404, "no run 'gone'", "{\"kind\": \"resume\", \"run\": \"gone\"}");
        bad(args, 400, "run id '../runs/live'", "{\"kind\": \"resume\", \"run\": \"../runs/live\"}");
        bad(args, 400, "run id '/etc'", "{\"kind\": \"resume\", \"run\": \"/etc\"}");
        bad(args, 400, "run: name either", "{\"kind\": \"resume\"}");
        bad(args, 400, "run: name either", "{\"kind\": \"resume\", \"run\": \"live\", \"comparison\": \"compare-2\"}");
        bad(args, 404, "comparison: 'live' is not a comparison folder", "{\"kind\": \"resume\", \"comparison\": \"live\"}");
        stoppedRun("ok", "STOPPED", 1);
        bad(args, 400, "seed: not a setting of resuming a run", "{\"kind\": \"resume\", \"run\": \"ok\", \"seed\": 1}");
    }

    private static void bad(JobArgs a, int status, String start, String body) {
        StudioException e = assertThrows(StudioException.class, () -> a.parse(body), body);
        assertEquals(status, e.status(), body + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith(start), body + " -> " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void everyBadFieldIsA400NamingIt() {
        String[][] cases = {
            {"", "the request needs a JSON object"},
            {"[1]", "the request needs a JSON object"},
            {"{kind: train}", "the request is not JSON"},
            {"{}", "kind: missing"},
            {"{\"kind\": \"shell\"}", "kind: expected one of train, compare, resume"},
            {"{\"kind\": \"train\"}", "family: missing"},
            {"{\"kind\": \"train\", \"family\": \"bogus\"}", "family: expected one of vae, gan"},
            {"{\"kind\": \"train\", \"family\": \"vae; rm -rf ~\"}", "family: expected one of"},
            {"{\"kind\": \"train\", \"family\": 5}", "family: expected a string"},
            {"{\"kind\": \"train\", \"family\": \"classifier\"}", "family: expected one of"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 0}", "steps: expected a whole number in 1..10000000"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"steps\": -5}", "steps: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 2.5}", "steps: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"steps\": \"10\"}", "steps: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"steps\": 1e30}", "steps: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"budget\": 0}", "budget: expected a whole number in 1..604800"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"budget\": 604801}", "budget: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"seed\": -1}", "seed: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"seed\": \"7\"}", "seed: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"batch\": 0}", "batch: expected a whole number in 1..4096"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"batch\": 5000}", "batch: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"limit\": -1}", "limit: expected a whole number"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"size\": \"huge\"}", "size: expected one of default, tiny"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"preset\": \"plain\"}", "preset: only the GAN has presets"},
            {"{\"kind\": \"train\", \"family\": \"gan\", \"preset\": \"bogus\"}",
                "preset: expected one of plain, stabilized, wgan-gp"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"data\": \"/etc\"}", "data: expected one of embedded"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"data\": \"../x\"}", "data: expected one of embedded"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"data\": 1}", "data: expected a string"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"out\": \"/tmp\"}", "out: not a setting of a training"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"args\": [\"--lr\", \"1\"]}", "args: not a setting of a training"},
            {"{\"kind\": \"train\", \"family\": \"vae\", \"seeds\": 2}", "seeds: not a setting of a training"},
            {"{\"kind\": \"compare\", \"families\": []}", "families: expected a non-empty list"},
            {"{\"kind\": \"compare\", \"families\": \"vae\"}", "families: expected a non-empty list"},
            {"{\"kind\": \"compare\", \"families\": [\"vae\", \"vae\"]}", "families: 'vae' is listed twice"},
            {"{\"kind\": \"compare\", \"families\": [\"vae\", \"bogus\"]}", "families: expected a list of vae, gan"},
            {"{\"kind\": \"compare\", \"families\": [\"vae\", 3]}", "families: expected a list of"},
            {"{\"kind\": \"compare\", \"seeds\": 0}", "seeds: expected a whole number in 1..5"},
            {"{\"kind\": \"compare\", \"seeds\": 6}", "seeds: expected a whole number in 1..5"},
            {"{\"kind\": \"compare\", \"batch\": 8}", "batch: not a setting of a comparison"},
            {"{\"kind\": \"compare\", \"demo\": \"yes\"}", "demo: expected true or false"},
            {"{\"kind\": \"compare\", \"demo\": true, \"families\": [\"vae\"]}",
                "families: not a setting of the demonstration"},
        };
        for (String[] c : cases) {
            bad(args, 400, c[1], c[0]);
        }
    }
}
