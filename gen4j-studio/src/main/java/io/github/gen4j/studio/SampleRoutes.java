package io.github.gen4j.studio;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.diffusion.sampler.Samplers;
import io.github.gen4j.image.ImageGrid;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.Json;
import io.github.gen4j.model.ImageGenerator;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling a run in the browser, as {@code gen4j sample} does.
 *
 * <p>{@code POST /api/run/sample} with a JSON object: {@code id}, {@code checkpoint} (a name from
 * {@code /api/run}, default the newest), {@code seed} (default 0), {@code n} (1..256, default 16),
 * {@code temperature} (0..10, default 1), {@code truncation} (0..10, GAN, default 0 = off), {@code sampler}
 * (diffusion: ddpm, ddim or dpm++2m), {@code steps} (0..1000, 0 = the sampler's default), {@code eta}
 * (0..10), {@code classLabel} (-1 = all classes in turn), {@code guidance} (0..100). Answers the grid, each
 * image with its seed and class, and the sampling time per image.
 *
 * <p>Every image can be made again on its own: image i is drawn alone (a batch of one) with the engine seeded
 * with {@code seed + i} and, for a conditional model asked for all classes, class {@code i mod K}; its PNG
 * carries that seed, the run, the checkpoint and the options as tEXt chunks ({@code gen4j:run},
 * {@code gen4j:checkpoint}, {@code gen4j:step}, {@code gen4j:seed}, {@code gen4j:options}), so sampling with
 * {@code n = 1}, that seed and those options gives the same pixels. (A batch of n would share one noise draw
 * between its images, so no single image of it could be remade alone.)
 */
final class SampleRoutes implements StudioRoutes {

    static final int MAX_N = 256;

    private final RunIds ids;
    private final Models models;
    private final Results results;

    SampleRoutes(RunIds ids, Models models, Results results) {
        this.ids = ids;
        this.models = models;
        this.results = results;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/run/sample", this::sample);
    }

    /** The validated sampling fields of a request. */
    record Request(long seed, int n, int classLabel, double temperature, double truncation, String sampler,
            int steps, double eta, double guidance) {

        static Request of(Fields f) {
            String sampler = SampleRoutes.sampler(f);
            return new Request(f.whole("seed", 0), f.integer("n", 16, 1, MAX_N),
                    f.integer("classLabel", -1, -1, 100_000), f.number("temperature", 1, 0, 10),
                    f.number("truncation", 0, 0, 10), sampler, f.integer("steps", 0, 0, 1000),
                    f.number("eta", 0, 0, 10), f.number("guidance", 0, 0, 100));
        }

        SampleOptions options(int classOfImage) {
            return new SampleOptions(classOfImage, temperature, truncation, sampler, steps, eta, guidance);
        }

        /** The options of one image as written into its PNG: the fields that remake it with n = 1. */
        Map<String, Object> recorded(int classOfImage) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("classLabel", classOfImage);
            o.put("temperature", temperature);
            o.put("truncation", truncation);
            o.put("sampler", sampler);
            o.put("steps", steps);
            o.put("eta", eta);
            o.put("guidance", guidance);
            return o;
        }
    }

    private void sample(Context ctx) {
        Fields f = Fields.of(ctx);
        RunRef run = RunRef.of(f, ids);
        Request q = Request.of(f);
        Map<String, Object> out = models.run(run.folder(), run.checkpoint(), model -> draw(run, model, q));
        ctx.json(out);
    }

    private Map<String, Object> draw(RunRef run, LoadedRun model, Request q) throws IOException {
        ImageGenerator g = model.generator();
        int k = g.numClasses();
        checkClass("classLabel", q.classLabel(), k);
        var d = model.config().data();
        int c = d.channels();
        int h = d.height();
        int w = d.width();
        int per = c * h * w;
        float[] all = new float[q.n() * per];
        int[] classes = new int[q.n()];
        long t0 = System.nanoTime();
        for (int i = 0; i < q.n(); i++) {
            classes[i] = q.classLabel() >= 0 || k == 0 ? q.classLabel() : i % k;
            Gen4j.engine().setRandomSeed(engineSeed(q.seed() + i));
            try (NDManager m = model.manager().newSubManager()) {
                float[] x = g.generate(m, 1, q.options(classes[i])).toFloatArray();
                System.arraycopy(x, 0, all, i * per, per);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        byte[] u8 = ImageOps.toUint8(all, all.length, 0f, 1f);
        int cols = (int) Math.ceil(Math.sqrt(q.n()));
        int rows = (q.n() + cols - 1) / cols;
        String base = run.fileBase();
        String grid = results.png(PngImages.encode(ImageGrid.render(u8, q.n(), c, h, w, rows, cols, 2),
                Map.of("Software", "gen4j " + Gen4j.VERSION)), base + "-seed" + q.seed() + "-grid.png");
        List<Map<String, Object>> images = new ArrayList<>();
        for (int i = 0; i < q.n(); i++) {
            long seed = q.seed() + i;
            Map<String, String> text = new LinkedHashMap<>();
            text.put("Software", "gen4j " + Gen4j.VERSION);
            text.put("gen4j:run", run.id());
            text.put("gen4j:checkpoint", run.checkpointName());
            text.put("gen4j:step", Long.toString(model.step()));
            text.put("gen4j:seed", Long.toString(seed));
            text.put("gen4j:options", Json.MAPPER.writeValueAsString(q.recorded(classes[i])));
            String id = results.png(PngImages.encode(ImageOps.fromChw(u8, i * per, c, h, w), text),
                    base + "-seed" + seed + ".png");
            Map<String, Object> img = new LinkedHashMap<>();
            img.put("id", id);
            img.put("url", Results.url(id));
            img.put("download", Results.downloadUrl(id));
            img.put("seed", seed);
            img.put("classLabel", classes[i]);
            images.add(img);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.id());
        out.put("checkpoint", run.checkpointName());
        out.put("step", model.step());
        out.put("family", model.config().family());
        out.put("seed", q.seed());
        out.put("n", q.n());
        out.put("ms", ms);
        out.put("msPerImage", ms / q.n());
        out.put("grid", Results.url(grid));
        out.put("gridDownload", Results.downloadUrl(grid));
        out.put("images", images);
        out.put("options", q.recorded(q.classLabel()));
        return out;
    }

    /** The canonical name of the request's diffusion {@code sampler} (default dpm++2m). */
    static String sampler(Fields f) {
        try {
            return Samplers.canonical(f.text("sampler", null));
        } catch (IllegalArgumentException e) {
            throw new StudioException(400, e.getMessage().substring(2)); // "sampler: unknown sampler ..."
        }
    }

    /** Fails with 400 unless {@code label} is -1 (none, or all classes) or one of the model's {@code k} classes. */
    static void checkClass(String field, int label, int k) {
        if (label < -1 || label >= 0 && label >= k) {
            throw new StudioException(400, field + " " + label + ": the model has " + k + " classes"
                    + (k == 0 ? " (it is unconditional)" : " (0.." + (k - 1) + ")"));
        }
    }

    /** The engine seed of a gen4j seed, as {@code gen4j sample --seed} sets it. */
    static int engineSeed(long seed) {
        return (int) (seed & 0x7FFFFFFF);
    }
}
