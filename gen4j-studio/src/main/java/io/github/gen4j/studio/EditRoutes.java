package io.github.gen4j.studio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.gen4j.Gen4j;
import io.github.gen4j.diffusion.DiffusionEditing;
import io.github.gen4j.diffusion.DiffusionTask;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.model.SampleOptions;
import io.github.gen4j.train.LoadedRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Editing images with a diffusion run in the browser, as {@code gen4j inpaint} and {@code gen4j denoise} do
 * (the same {@link DiffusionEditing} calls).
 *
 * <ul>
 *   <li>{@code POST /api/run/upload?id=RUN}: an image to edit, as the raw body or the multipart file part
 *       {@code image} (PNG, JPEG, GIF or BMP; size and pixel limits, see {@link Uploads}); it is resized and
 *       center-cropped to the run's images once, and answered with {@code upload} (an id to edit it by) and
 *       {@code url} (the prepared image, the one the mask is drawn over)</li>
 *   <li>{@code POST /api/run/inpaint} with a JSON object: {@code id}, {@code checkpoint}, the image
 *       ({@code heldout}: an index, or {@code upload}: an id), {@code mask} (a PNG as a base64 data URL,
 *       white = fill, drawn over the image at any size of the same shape), {@code method} (repaint or
 *       replace), {@code steps} (1..1000, default 50), {@code resample} (1..20, default 5), {@code seed},
 *       {@code classLabel}, {@code guidance}. Answers the original, the masked input (region to fill in gray)
 *       and the result as PNG URLs, and the time</li>
 *   <li>{@code POST /api/run/denoise}: {@code id}, {@code checkpoint}, the image, {@code noise} (standard
 *       deviation in (0, 1), default 0.2), {@code addNoise} (default true: noise a clean image first),
 *       {@code sampler}, {@code steps}, {@code seed}, {@code classLabel}, {@code guidance}. Answers original,
 *       noisy input and result, with their PSNR against the original when the noise was added here</li>
 * </ul>
 * Any family but diffusion gets a 400 naming it.
 */
final class EditRoutes implements StudioRoutes {

    private final RunIds ids;
    private final Models models;
    private final Results results;
    private final HeldOut heldOut;
    private final Uploads uploads;

    EditRoutes(RunIds ids, Models models, Results results, HeldOut heldOut, Uploads uploads) {
        this.ids = ids;
        this.models = models;
        this.results = results;
        this.heldOut = heldOut;
        this.uploads = uploads;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/run/upload", this::upload);
        routes.post("/api/run/inpaint", this::inpaint);
        routes.post("/api/run/denoise", this::denoise);
    }

    private void upload(Context ctx) throws IOException {
        RunRef run = RunRef.withoutCheckpoint(ctx.queryParam("id"), ids);
        int size = run.imageSize();
        int c = run.config().data().channels();
        float[] unit = uploads.decode(uploads.body(ctx, "image"), "image", c, size);
        String id = uploads.keep(new Uploads.Prepared(unit, c, size));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("upload", id);
        out.put("url", Results.url(png(unit, c, size, "upload-" + id + ".png")));
        out.put("channels", c);
        out.put("size", size);
        ctx.json(out);
    }

    /** What both edits read from a request: the diffusion run, the image at its size, seed and class. */
    private record Edit(RunRef run, int size, int channels, float[] image, long seed, int classLabel, double guidance) {}

    /** Work on the loaded diffusion model, with the class checked and the engine seeded. */
    private interface EditWork {
        Map<String, Object> apply(DiffusionTask task, LoadedRun model) throws Exception;
    }

    private Edit edit(Fields f, String what) {
        RunRef run = RunRef.of(f, ids);
        if (!"diffusion".equals(run.family())) {
            throw new StudioException(400, what + " needs a diffusion run, '" + run.id() + "' is a " + run.family()
                    + " run");
        }
        int size = run.imageSize();
        int c = run.config().data().channels();
        return new Edit(run, size, c, image(f, run, c, size), f.whole("seed", 0),
                f.integer("classLabel", -1, -1, 100_000), f.number("guidance", 0, 0, 100));
    }

    private Map<String, Object> onModel(Edit e, EditWork work) {
        return models.run(e.run().folder(), e.run().checkpoint(), model -> {
            if (!(model.task() instanceof DiffusionTask task)) {
                throw new StudioException(400, "editing needs a diffusion run, '" + e.run().id() + "' is a "
                        + model.config().family() + " run");
            }
            SampleRoutes.checkClass("classLabel", e.classLabel(), task.numClasses());
            Gen4j.engine().setRandomSeed(SampleRoutes.engineSeed(e.seed()));
            return work.apply(task, model);
        });
    }

    /** The answer of an edit: original, what the model was given and the result, as PNG result URLs. */
    private Map<String, Object> answer(Edit e, String kind, float[] given, String givenName, float[] after, double ms)
            throws IOException {
        String base = e.run().fileBase() + "-" + kind + "-seed" + e.seed();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("original", Results.url(png(e.image(), e.channels(), e.size(), base + "-original.png")));
        r.put("input", Results.url(png(given, e.channels(), e.size(), base + "-" + givenName + ".png")));
        String result = png(after, e.channels(), e.size(), base + ".png");
        r.put("result", Results.url(result));
        r.put("resultDownload", Results.downloadUrl(result));
        r.put("ms", ms);
        return r;
    }

    private void inpaint(Context ctx) {
        Fields f = Fields.of(ctx);
        Edit e = edit(f, "inpainting");
        float[] mask = DiffusionEditing.maskOf(uploads.decode(uploads.base64(f.text("mask", null), "mask"), "mask",
                1, e.size()));
        double share = DiffusionEditing.maskShare(mask);
        if (share == 0) {
            throw new StudioException(400, "mask: the region to fill is empty (paint over the image in white)");
        }
        String method = f.text("method", "repaint");
        DiffusionEditing.InpaintMethod how;
        try {
            how = DiffusionEditing.InpaintMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new StudioException(400, "method: expected repaint or replace, got '" + Fields.shorten(method) + "'");
        }
        int steps = f.integer("steps", 50, 1, 1000);
        int resample = f.integer("resample", 5, 1, 20);
        ctx.json(onModel(e, (task, model) -> {
            SampleOptions o = new SampleOptions(e.classLabel(), 1, 0, null, 0, 0, e.guidance());
            long t0 = System.nanoTime();
            float[] after;
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(e.image(), new Shape(1, e.channels(), e.size(), e.size()));
                NDArray mk = m.create(mask, new Shape(1, 1, e.size(), e.size()));
                after = new DiffusionEditing(task).inpaint(m, x, mk, how, steps, resample, o).toFloatArray();
            }
            Map<String, Object> r = answer(e, "inpaint", DiffusionEditing.masked(e.image(), mask), "masked", after,
                    (System.nanoTime() - t0) / 1e6);
            r.put("maskShare", share);
            r.put("method", how.name().toLowerCase(Locale.ROOT));
            return r;
        }));
    }

    private void denoise(Context ctx) {
        Fields f = Fields.of(ctx);
        Edit e = edit(f, "denoising");
        double noise = f.number("noise", 0.2, 0, 1);
        if (!(noise > 0 && noise < 1)) {
            throw new StudioException(400, "noise: expected a standard deviation in (0, 1), got " + noise);
        }
        boolean addNoise = f.flag("addNoise", true);
        String sampler = SampleRoutes.sampler(f);
        int steps = f.integer("steps", 0, 0, 1000);
        ctx.json(onModel(e, (task, model) -> {
            SampleOptions o = new SampleOptions(e.classLabel(), 1, 0, sampler, steps, 0, e.guidance());
            DiffusionEditing edit = new DiffusionEditing(task);
            long t0 = System.nanoTime();
            float[] before;
            float[] after;
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = m.create(e.image(), new Shape(1, e.channels(), e.size(), e.size()));
                if (addNoise) {
                    x = x.add(m.randomNormal(x.getShape()).mul((float) noise));
                }
                before = x.toFloatArray();
                after = edit.denoise(m, x, noise, o).toFloatArray();
            }
            Map<String, Object> r = answer(e, "denoise", before, "noisy", after, (System.nanoTime() - t0) / 1e6);
            r.put("level", edit.denoiseLevel(noise) + 1);
            if (addNoise) {
                float[] image = e.image();
                r.put("psnrNoisy", ImageOps.psnr(ImageOps.mse(before, 0, image, 0, image.length)));
                r.put("psnrResult", ImageOps.psnr(ImageOps.mse(after, 0, image, 0, image.length)));
            }
            return r;
        }));
    }

    /** The image to edit: held-out image {@code heldout} or upload {@code upload}, in [0, 1]. */
    private float[] image(Fields f, RunRef run, int c, int size) {
        if (f.has("upload")) {
            return uploads.get(f.text("upload", null), c, size, run.id()).unit().clone();
        }
        if (f.has("heldout")) {
            return HeldOut.unit(heldOut.of(run), f.integer("heldout", 0, 0, Integer.MAX_VALUE), "heldout");
        }
        throw new StudioException(400, "give the image to edit: heldout (an index) or upload (an id from "
                + "/api/run/upload)");
    }

    /** Stores C x H x W values in [0, 1] as a PNG result; returns its id. */
    private String png(float[] chw, int c, int size, String fileName) throws IOException {
        byte[] u8 = ImageOps.toUint8(chw, chw.length, 0f, 1f);
        return results.png(PngImages.encode(ImageOps.fromChw(u8, 0, c, size, size), Map.of()), fileName);
    }
}
