package io.github.gen4j.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.Batch;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.family.FamilyRecipe;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.io.Json;
import io.github.gen4j.train.OptimizerSpec;
import io.github.gen4j.train.StepContext;
import io.github.gen4j.train.TrainConfig;
import io.github.gen4j.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny comparisons end to end: report and results, resume, and a family that diverges. */
class ComparisonTest {

    /** Every metric a run with a likelihood and an encoder must have in results.json. */
    static final List<String> METRICS = List.of("fid", "kid", "precision", "recall", "density", "coverage",
            "classes_covered", "class_kl", "sharpness_ratio", "nn_ratio", "copies", "exact_copies", "bits_per_dim",
            "recon_psnr", "parameters", "train_images_per_s", "sample_ms_per_image", "steps", "train_seconds",
            "interp_step", "interp_step_cv", "interp_path_ratio", "interp_end_psnr", "rollbacks");

    static CompareSettings tiny(List<String> families, Map<String, Integer> seeds, long steps) {
        return tiny(families, seeds, steps, 0);
    }

    static CompareSettings tiny(List<String> families, Map<String, Integer> seeds, long steps, int toySteps) {
        return new CompareSettings(families, seeds, 0, steps, FamilyRecipe.Scale.TINY, "embedded", 256, 32, 40, 20, 40,
                2, 2, 7, toySteps);
    }

    /** The result file of the run folder {@code runDir}. */
    static JobResult readResult(Path runDir) throws IOException {
        return Json.MAPPER.readValue(runDir.resolve(ComparisonFolder.RESULT_FILE).toFile(), JobResult.class);
    }

    /** Counts how often each family's task is built (a build = a run trained from scratch). */
    static class Counting implements FamilyRecipe {
        final FamilyRecipe inner;
        final AtomicInteger built = new AtomicInteger();

        Counting(FamilyRecipe inner) {
            this.inner = inner;
        }

        @Override public String family() {
            return inner.family();
        }

        @Override public TrainingTask task(ImageDataset train, Scale scale) {
            built.incrementAndGet();
            return inner.task(train, scale);
        }

        @Override public TrainConfig adjust(TrainConfig shared) {
            return inner.adjust(shared);
        }

        @Override public boolean exactLikelihood() {
            return inner.exactLikelihood();
        }
    }

    @Test
    void twoFamiliesGiveAReportOfExistingFilesAndEveryMetricAndResumeSkipsFinishedRuns(@TempDir Path tmp)
            throws IOException {
        Counting vae = new Counting(FamilyRegistry.get("vae").recipe());
        Counting flow = new Counting(FamilyRegistry.get("flow").recipe());
        FamilyRecipes recipes = FamilyRecipes.standard().with(vae).with(flow);
        Path dir = ComparisonFolder.newFolder(tmp);
        CompareResults r = new Comparison(tiny(List.of("vae", "flow"), Map.of("vae", 1, "flow", 1), 6, 5), recipes,
                Device.cpu(), null).run(dir);
        assertEquals(1, vae.built.get());
        assertEquals(1, flow.built.get());
        assertEquals(2, r.runs().size());
        assertTrue(r.runs().stream().allMatch(JobResult::ok), r.runs().toString());

        JsonNode json = Json.MAPPER.readTree(dir.resolve("results.json").toFile());
        for (JsonNode run : json.path("runs")) {
            for (String m : METRICS) {
                assertTrue(run.path("metrics").path(m).isNumber(), run.path("family") + " lacks " + m);
            }
            assertEquals(2, run.path("curve").size(), "one point at half of the steps, one at the end");
        }
        assertTrue(json.path("summary").path("flow").path("fid").path("mean").isNumber());
        assertEquals(1000, json.path("evaluation").path("referenceImages").asInt(), "FID against the held-out images");
        assertTrue(json.path("runs").get(1).path("notes").path("bits_per_dim").asText().startsWith("exact"));
        assertTrue(json.path("runs").get(1).path("metrics").path("recon_psnr").asDouble() > 40, "a flow inverts");
        assertTrue(json.path("runs").get(1).path("metrics").path("interp_end_psnr").asDouble() > 40,
                "a flow's interpolation starts and ends at the images");
        assertEquals(4, json.path("toy").path("results").size(), "vae and flow on the ring and the moons");

        Document html = Jsoup.parse(dir.resolve("report.html").toFile(), "UTF-8");
        assertEquals(9, html.select("section").size());
        assertEquals(2, html.select("#latent img").size(), "an interpolation strip per family");
        assertNotNull(html.selectFirst("#toy img[src=toy/gallery.png]"));
        assertEquals(4, html.select("#toy tbody tr").size());
        assertFalse(html.select("img").isEmpty());
        for (Element img : html.select("img")) {
            assertTrue(Files.isRegularFile(dir.resolve(img.attr("src"))), img.attr("src"));
        }
        assertNotNull(html.selectFirst("img[src=charts/fid-over-time.png]"));
        assertTrue(html.select("#claims td").text().contains("latent path ratio: vae"), "latent claim measured");
        assertTrue(html.select("#metrics td.best").size() > 3, "best values are marked");
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| bits/dim |"));

        // resume: finished runs are read back, not redone; an added seed trains only the new run
        Path result = ComparisonFolder.runFolder(dir, "vae", 7).resolve(ComparisonFolder.RESULT_FILE);
        FileTime before = Files.getLastModifiedTime(result);
        FileTime toyBefore = Files.getLastModifiedTime(dir.resolve("toy/metrics.json"));
        String finished = r.runs().get(0).finished();
        CompareResults again = new Comparison(tiny(List.of("vae", "flow"), Map.of("vae", 2, "flow", 1), 6, 5), recipes,
                Device.cpu(), null).run(dir);
        assertEquals(toyBefore, Files.getLastModifiedTime(dir.resolve("toy/metrics.json")), "the toys are kept");
        assertTrue(again.runs().stream().allMatch(j -> j.interpolationImage() != null), "seed 8 got its strip");
        assertEquals(2, vae.built.get(), "only seed 8 of the VAE was trained");
        assertEquals(1, flow.built.get(), "the flow was skipped");
        assertEquals(before, Files.getLastModifiedTime(result));
        assertEquals(finished, again.runs().get(0).finished());
        assertEquals(3, again.runs().size());
        assertEquals(2, again.stat("vae", "fid").n());
        assertTrue(Files.isRegularFile(ComparisonFolder.runFolder(dir, "vae", 8).resolve(ComparisonFolder.RESULT_FILE)));

        // a run without a result (interrupted while measuring) continues from its checkpoint: no new model
        Files.delete(ComparisonFolder.runFolder(dir, "flow", 7).resolve(ComparisonFolder.RESULT_FILE));
        CompareResults third = new Comparison(tiny(List.of("vae", "flow"), Map.of("vae", 2, "flow", 1), 6), recipes,
                Device.cpu(), null).run(dir);
        assertEquals(1, flow.built.get(), "continued from the checkpoint, not rebuilt");
        assertEquals(6, third.runsOf("flow").get(0).metric("steps"));
        assertEquals(2, vae.built.get());

        // nothing left to do: the report is written again, with what the earlier calls measured
        new Comparison(tiny(List.of("vae", "flow"), Map.of("vae", 2, "flow", 1), 6), recipes, Device.cpu(), null)
                .run(dir);
        assertEquals(1000, Json.MAPPER.readTree(dir.resolve("results.json").toFile()).path("evaluation")
                .path("referenceImages").asInt(), "the feature network and reference are kept");
    }

    @Test
    void theVaePretrainedGanAndItsColdControlBuildOnTheVaeRunOfTheSameSeed(@TempDir Path tmp) throws IOException {
        Path dir = ComparisonFolder.newFolder(tmp);
        List<String> fams = List.of("vae", "gan-vaeinit", "gan-vaearch");
        CompareResults r = new Comparison(tiny(fams, Map.of("vae", 1, "gan-vaeinit", 1, "gan-vaearch", 1), 3),
                FamilyRecipes.standard(), Device.cpu(), null).run(dir);
        assertTrue(r.runs().stream().allMatch(JobResult::ok), r.runs().toString());
        assertEquals(fams, r.runs().stream().map(JobResult::family).toList());
        JsonNode init = Json.MAPPER.readTree(ComparisonFolder.runFolder(dir, "gan-vaeinit", 7).resolve("config.json")
                .toFile());
        JsonNode arch = Json.MAPPER.readTree(ComparisonFolder.runFolder(dir, "gan-vaearch", 7).resolve("config.json")
                .toFile());
        assertEquals("gan", init.path("family").asText());
        assertTrue(init.path("model").path("initFrom").asText().contains("vae-seed7"), init.toString());
        assertTrue(arch.path("model").path("initFrom").isNull(), "the control starts from random weights");
        assertTrue(init.path("model").path("vaeDecoder").path("latentDim").isInt(), init.toString());
        assertEquals(init.path("model").path("vaeDecoder"), arch.path("model").path("vaeDecoder"), "the same generator");
        assertTrue(Double.isFinite(r.runsOf("gan-vaeinit").get(0).metric("fid")));
        assertTrue(Jsoup.parse(dir.resolve("report.html").toFile(), "UTF-8").select("#overview").text()
                .contains("gan-vaearch: the same generator architecture from random weights"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Comparison(
                tiny(List.of("gan-vaeinit"), Map.of("gan-vaeinit", 1), 3), FamilyRecipes.standard(), Device.cpu(),
                null));
        assertTrue(e.getMessage().startsWith("--families: gan-vaeinit builds on the vae run"), e.getMessage());
        assertFalse(FamilyRecipes.standard().names().contains("gan-vaeinit"), "only when named");
    }

    /** A VAE whose loss turns NaN at step 3: the training core's NaN guard stops it. */
    static final class Diverging implements TrainingTask {
        final TrainingTask inner;

        Diverging(TrainingTask inner) {
            this.inner = inner;
        }

        @Override public String family() {
            return inner.family();
        }

        @Override public Object modelConfig() {
            return inner.modelConfig();
        }

        @Override public Map<String, Block> networks() {
            return inner.networks();
        }

        @Override public void initialize(NDManager manager) {
            inner.initialize(manager);
        }

        @Override public List<OptimizerSpec> optimizers() {
            return inner.optimizers();
        }

        @Override public List<String> emaNetworks() {
            return inner.emaNetworks();
        }

        @Override public Map<String, Double> trainStep(StepContext ctx, Batch batch) {
            Map<String, Double> m = new LinkedHashMap<>(inner.trainStep(ctx, batch));
            if (ctx.step() >= 3) {
                m.put("loss", Double.NaN);
            }
            return m;
        }

        @Override public Map<String, Double> evaluate(NDManager manager, Batch heldOut) {
            return inner.evaluate(manager, heldOut);
        }

        @Override public void snapshot(NDManager manager, Batch fixed, Path dir, String tag) throws IOException {
            inner.snapshot(manager, fixed, dir, tag);
        }
    }

    @Test
    void aDivergingFamilyIsReportedAsFailedWhileTheOtherCompletes(@TempDir Path tmp) throws IOException {
        FamilyRecipe diverging = new Counting(FamilyRegistry.get("vae").recipe()) {
            @Override public TrainingTask task(ImageDataset train, Scale scale) {
                return new Diverging(inner.task(train, scale));
            }
        };
        FamilyRecipes recipes = FamilyRecipes.standard().with(diverging);
        Path dir = ComparisonFolder.newFolder(tmp);
        Map<String, Integer> seeds = new HashMap<>(Map.of("vae", 1, "gan", 1));
        CompareResults r = new Comparison(tiny(List.of("vae", "gan"), seeds, 4), recipes, Device.cpu(), null).run(dir);
        JobResult vae = r.runsOf("vae").get(0);
        JobResult gan = r.runsOf("gan").get(0);
        assertEquals(JobResult.FAILED, vae.status());
        assertTrue(vae.message().contains("diverged at step 3") && vae.message().contains("after "
                + JobRunner.MAX_ROLLBACKS + " rollbacks"), vae.message());
        // the checkpoint it saved before failing (step 2 of 4) is measured: how good it was until then
        assertEquals(1, vae.curve().size(), vae.curve().toString());
        assertEquals(2, vae.curve().get(0).step());
        assertTrue(Double.isFinite(vae.curve().get(0).metrics().get("fid")), vae.curve().toString());
        assertEquals(0, gan.metric("rollbacks"));
        assertTrue(gan.ok(), gan.toString());
        assertTrue(Double.isFinite(gan.metric("fid")));
        Document html = Jsoup.parse(dir.resolve("report.html").toFile(), "UTF-8");
        String overview = html.select("#overview").text();
        assertTrue(overview.contains("vae seed 7 failed") && overview.contains("diverged at step 3"), overview);
        assertTrue(html.select("#claims").text().contains("VAE trains stably 1 of 1 runs failed"), html.select("#claims")
                .text());
        for (Element img : html.select("img")) {
            assertTrue(Files.isRegularFile(dir.resolve(img.attr("src"))), img.attr("src"));
        }

        // a failed run from before this measurement gets its curve on --resume, and stays failed
        Path vaeResult = ComparisonFolder.runFolder(dir, "vae", 7).resolve(ComparisonFolder.RESULT_FILE);
        Json.write(vaeResult, new JobResult(vae.family(), vae.seed(), vae.status(), vae.message(), vae.run(), Map.of(),
                Map.of(), Map.of(), List.of(), null, null, vae.evalSeconds(), vae.finished(), null));
        CompareResults resumed = new Comparison(tiny(List.of("vae", "gan"), seeds, 4), FamilyRecipes.standard(),
                Device.cpu(), null).run(dir);
        assertEquals(JobResult.FAILED, resumed.runsOf("vae").get(0).status());
        assertEquals(vae.curve().get(0).metrics().get("fid"), resumed.runsOf("vae").get(0).curve().get(0).metrics()
                .get("fid"), 1e-9, "the same checkpoint, the same evaluation seed");
        assertEquals(1, readResult(ComparisonFolder.runFolder(dir, "vae", 7)).curve().size(), "written back");

        // --retry-failed: the failed run is set aside and trained again from scratch (here without the fault)
        CompareResults retried = new Comparison(tiny(List.of("vae", "gan"), seeds, 4), FamilyRecipes.standard(),
                Device.cpu(), null).retryFailed(true).run(dir);
        assertTrue(retried.runsOf("vae").get(0).ok(), retried.runsOf("vae").get(0).toString());
        assertEquals(4, retried.runsOf("vae").get(0).metric("steps"));
        Path aside = ComparisonFolder.runFolder(dir, "vae", 7).resolveSibling("vae-seed7.failed-1");
        assertEquals(JobResult.FAILED, readResult(aside).status(), "the failure is kept");
        assertEquals(gan.finished(), retried.runsOf("gan").get(0).finished(), "the GAN was not redone");

        // a run that failed while being measured is measured again on any resume, from its final checkpoint,
        // not retrained
        Path ganDir = ComparisonFolder.runFolder(dir, "gan", 7);
        Path ganResult = ganDir.resolve(ComparisonFolder.RESULT_FILE);
        JobResult ganOk = retried.runsOf("gan").get(0);
        byte[] log = Files.readAllBytes(ganDir.resolve("metrics.jsonl"));
        List<Path> ckpts = new io.github.gen4j.train.CheckpointStore(ganDir.resolve("checkpoints")).list();
        FileTime lastWritten = Files.getLastModifiedTime(ckpts.get(ckpts.size() - 1));
        Json.write(ganResult, new JobResult("gan", 7, JobResult.FAILED, "measuring: illegal state: convergence failed",
                ganOk.run(), Map.of(), Map.of(), Map.of(), List.of(), null, null, 1, "then", null));
        CompareResults remeasured = new Comparison(tiny(List.of("vae", "gan"), seeds, 4), FamilyRecipes.standard(),
                Device.cpu(), null).run(dir);
        JobResult again = remeasured.runsOf("gan").get(0);
        assertTrue(again.ok(), again.toString());
        assertFalse(Files.exists(ComparisonFolder.runFolder(dir, "gan", 7).resolveSibling("gan-seed7.failed-1")),
                "nothing set aside");
        assertEquals(4, again.metric("steps"), "not one step more");
        assertEquals(ganOk.metric("fid"), again.metric("fid"), 1e-9, "the same final model, the same evaluation");
        assertArrayEquals(log, Files.readAllBytes(ganDir.resolve("metrics.jsonl")), "no training step logged");
        assertEquals(ckpts, new io.github.gen4j.train.CheckpointStore(ganDir.resolve("checkpoints")).list());
        assertEquals(lastWritten, Files.getLastModifiedTime(ckpts.get(ckpts.size() - 1)), "no checkpoint rewritten");
    }
}
