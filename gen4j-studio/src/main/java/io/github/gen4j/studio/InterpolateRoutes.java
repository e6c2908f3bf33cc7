package io.github.gen4j.studio;

import ai.djl.ndarray.NDManager;
import io.github.gen4j.Gen4j;
import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.latent.ClassMeans;
import io.github.gen4j.latent.Interpolation;
import io.github.gen4j.latent.Interpolations;
import io.github.gen4j.latent.Interpolations.Point;
import io.github.gen4j.latent.LatentSettings;
import io.github.gen4j.latent.LatentSpace;
import io.github.gen4j.train.LoadedRun;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Interpolating in a run's latent space in the browser, as {@code gen4j interpolate} does.
 *
 * <p>{@code POST /api/run/interpolate} with a JSON object: {@code id}, {@code checkpoint}, {@code mode}
 * ({@code images}: two held-out images by index; {@code seeds}: the prior latents of two seeds;
 * {@code classes}: class-mean latents of held-out images, or for a conditional model the latent of
 * {@code seed} with its class input moving), the end points {@code from} and {@code to}, {@code frames}
 * (2..64, default 8), {@code path} ({@code slerp} or {@code lerp}, default slerp), {@code seed} (classes of a
 * conditional model), {@code classLabel} (images or seeds of a conditional model; -1 = each image's own
 * class). Answers the URLs of every frame (PNG at the model's size), the strip (PNG, framed by the input
 * images in images mode) and the GIF (there and back), the time, and for images how faithfully the ends
 * reproduce them. Frames are computed once per set of parameters and checkpoint, then served from the cache.
 */
final class InterpolateRoutes implements StudioRoutes {

    static final int MAX_FRAMES = 64;
    /** Held-out images per class mean, as the CLI's default --per-class. */
    static final int PER_CLASS = 64;
    /** Interpolations remembered. */
    static final int CACHED = 16;

    private final RunIds ids;
    private final Models models;
    private final Results results;
    private final HeldOut heldOut;
    private final LinkedHashMap<String, Map<String, Object>> made = new LinkedHashMap<>(16, 0.75f, true);

    InterpolateRoutes(RunIds ids, Models models, Results results, HeldOut heldOut) {
        this.ids = ids;
        this.models = models;
        this.results = results;
        this.heldOut = heldOut;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/run/interpolate", this::interpolate);
    }

    /** The validated fields of a request. */
    record Request(String mode, long from, long to, int frames, Interpolation path, long seed, int classLabel) {

        static Request of(Fields f) {
            String mode = f.text("mode", "seeds").toLowerCase(Locale.ROOT);
            if (!List.of("images", "seeds", "classes").contains(mode)) {
                throw new StudioException(400, "mode: expected images, seeds or classes, got '"
                        + Fields.shorten(mode) + "'");
            }
            if (!f.has("from") || !f.has("to")) {
                throw new StudioException(400, "from, to: give both end points ("
                        + (mode.equals("images") ? "held-out image indices" : mode.equals("seeds") ? "seeds"
                                : "class numbers") + ")");
            }
            long a = mode.equals("seeds") ? f.whole("from", 0) : f.integer("from", 0, 0, Integer.MAX_VALUE);
            long b = mode.equals("seeds") ? f.whole("to", 0) : f.integer("to", 0, 0, Integer.MAX_VALUE);
            Interpolation path;
            try {
                path = Interpolation.parse(f.text("path", "slerp"), "path");
            } catch (IllegalArgumentException e) {
                throw new StudioException(400, e.getMessage());
            }
            return new Request(mode, a, b, f.integer("frames", 8, 2, MAX_FRAMES), path, f.whole("seed", 0),
                    f.integer("classLabel", -1, -1, 100_000));
        }
    }

    private void interpolate(Context ctx) throws IOException {
        Fields f = Fields.of(ctx);
        RunRef run = RunRef.of(f, ids);
        Request q = Request.of(f);
        String key = run.checkpoint() + "@" + Files.getLastModifiedTime(run.checkpoint()).toMillis() + "|" + q;
        Map<String, Object> out;
        synchronized (made) {
            out = made.get(key);
        }
        @SuppressWarnings("unchecked")
        boolean fresh = out != null && results.hasAll((List<String>) out.get("resultIds"));
        if (!fresh) {
            out = models.run(run.folder(), run.checkpoint(), model -> make(run, model, q));
            synchronized (made) {
                made.put(key, out);
                Iterator<String> it = made.keySet().iterator();
                while (made.size() > CACHED) {
                    it.next();
                    it.remove();
                }
            }
        }
        Map<String, Object> shown = new LinkedHashMap<>(out);
        shown.remove("resultIds");
        shown.put("cached", fresh);
        ctx.json(shown);
    }

    private Map<String, Object> make(RunRef run, LoadedRun model, Request q) throws IOException {
        try (NDManager nd = model.manager().newSubManager()) {
            LatentSpace space = FamilyRegistry.latentSpace(model.task(), LatentSettings.defaults());
            int k = space.numClasses();
            Gen4j.engine().setRandomSeed(SampleRoutes.engineSeed(q.seed()));
            long t0 = System.nanoTime();
            Interpolations.Strip s;
            float[] originals = null;
            double[] endMse = null;
            String name;
            switch (q.mode()) {
                case "images" -> {
                    ImageDataset held = heldOut.of(run);
                    float[] a = HeldOut.raw(held, (int) q.from(), "from");
                    float[] b = HeldOut.raw(held, (int) q.to(), "to");
                    float[] raw = new float[2 * a.length];
                    System.arraycopy(a, 0, raw, 0, a.length);
                    System.arraycopy(b, 0, raw, a.length, b.length);
                    SampleRoutes.checkClass("classLabel", q.classLabel(), k);
                    int[] labels = k > 0 && q.classLabel() >= 0 ? new int[] {q.classLabel(), q.classLabel()} : null;
                    if (k > 0 && q.classLabel() < 0 && held.hasLabels()) {
                        // each image with its own class
                        labels = new int[] {held.label((int) q.from()), held.label((int) q.to())};
                    }
                    Interpolations.ImageStrip is = Interpolations.betweenImages(space, nd, raw, labels, q.frames(),
                            q.path());
                    s = is.strip();
                    originals = is.originals();
                    endMse = is.endMse();
                    name = "heldout-" + q.from() + "-" + q.to();
                }
                case "seeds" -> {
                    SampleRoutes.checkClass("classLabel", q.classLabel(), k);
                    s = Interpolations.strip(space, nd, Point.seed(space, q.from(), q.classLabel()),
                            Point.seed(space, q.to(), q.classLabel()), q.frames(), q.path());
                    name = "seeds-" + q.from() + "-" + q.to();
                }
                default -> {
                    Point a;
                    Point b;
                    if (k > 0) {
                        SampleRoutes.checkClass("from", (int) q.from(), k);
                        SampleRoutes.checkClass("to", (int) q.to(), k);
                        a = Point.seed(space, q.seed(), (int) q.from());
                        b = Point.seed(space, q.seed(), (int) q.to());
                    } else {
                        ImageDataset held = heldOut.of(run);
                        if (!held.hasLabels()) {
                            throw new StudioException(400, "mode classes: the data has no labels and the model is "
                                    + "unconditional");
                        }
                        SampleRoutes.checkClass("from", (int) q.from(), held.numClasses());
                        SampleRoutes.checkClass("to", (int) q.to(), held.numClasses());
                        a = new Point(ClassMeans.mean(space, nd, held, (int) q.from(), PER_CLASS), null);
                        b = new Point(ClassMeans.mean(space, nd, held, (int) q.to(), PER_CLASS), null);
                    }
                    s = Interpolations.strip(space, nd, a, b, q.frames(), q.path());
                    name = "classes-" + q.from() + "-" + q.to();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            return describe(run, model, q, space, s, originals, endMse, name, ms);
        }
    }

    private Map<String, Object> describe(RunRef run, LoadedRun model, Request q, LatentSpace space,
            Interpolations.Strip s, float[] originals, double[] endMse, String name, double ms) throws IOException {
        String base = run.fileBase() + "-interpolate-" + name + "-" + q.path().cliName();
        List<String> all = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < s.steps(); i++) {
            String id = results.png(PngImages.encode(Interpolations.frameImage(s, i), Map.of()),
                    base + "-frame" + i + ".png");
            all.add(id);
            frames.add(Results.url(id));
        }
        String strip = results.png(PngImages.encode(Interpolations.stripImage(s, originals), Map.of()),
                base + ".png");
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        Interpolations.writeGif(s, gif, 4, 150);
        String gifId = results.put(gif.toByteArray(), "image/gif", base + ".gif");
        all.add(strip);
        all.add(gifId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.id());
        out.put("checkpoint", run.checkpointName());
        out.put("step", model.step());
        out.put("family", space.family());
        out.put("encoding", space.encoding());
        out.put("mode", q.mode());
        out.put("path", q.path().cliName());
        out.put("frames", frames);
        out.put("strip", Results.url(strip));
        out.put("stripDownload", Results.downloadUrl(strip));
        out.put("gif", Results.url(gifId));
        out.put("gifDownload", Results.downloadUrl(gifId));
        if (originals != null) {
            int d = s.channels() * s.size() * s.size();
            List<String> ends = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] u8 = ImageOps.toUint8(java.util.Arrays.copyOfRange(originals, i * d, (i + 1) * d), d, 0f, 1f);
                String id = results.png(PngImages.encode(ImageOps.fromChw(u8, 0, s.channels(), s.size(), s.size()),
                        Map.of()), base + "-input" + i + ".png");
                all.add(id);
                ends.add(Results.url(id));
            }
            out.put("inputs", ends);
            out.put("endPsnr", List.of(ImageOps.psnr(endMse[0]), ImageOps.psnr(endMse[1])));
        }
        out.put("ms", ms);
        out.put("resultIds", all);
        return out;
    }
}
