package io.github.gen4j.studio;

import io.github.gen4j.data.ImageDataset;
import io.github.gen4j.image.ImageOps;
import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.DataException;
import io.github.gen4j.train.RunConfig;
import io.github.gen4j.train.RunData;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's held-out images (the data it was trained on, found again from its saved config; see
 * {@link RunData}): interpolation end points and images to edit. The two most recently used data sets are
 * kept in memory.
 *
 * <ul>
 *   <li>{@code GET /api/run/heldout/info?id=RUN}: {@code count}, {@code channels}, {@code size},
 *       {@code classNames}, and the {@code labels} of the first {@link #LISTED} images (empty if unlabelled)</li>
 *   <li>{@code GET /api/run/heldout?id=RUN&index=K}: held-out image K as a PNG at the model's size</li>
 * </ul>
 */
final class HeldOut implements StudioRoutes {

    /** Data sets kept loaded. */
    static final int CACHED = 2;
    /** Labels listed by the info route. */
    static final int LISTED = 200;

    private final RunIds ids;
    private final LinkedHashMap<String, ImageDataset> loaded = new LinkedHashMap<>(4, 0.75f, true);

    HeldOut(RunIds ids) {
        this.ids = ids;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/run/heldout/info", this::info);
        routes.get("/api/run/heldout", this::image);
    }

    /** The held-out images of a run (its training images if it held none out). */
    synchronized ImageDataset of(RunRef run) {
        RunConfig c = run.config();
        RunConfig.DataInfo d = c.data();
        String key = d.spec() + "|" + d.channels() + "x" + d.height() + "x" + d.width() + "|" + c.train().seed();
        ImageDataset ds = loaded.get(key);
        if (ds != null) {
            return ds;
        }
        try {
            ds = RunData.heldOut(RunData.of(c, null, System.getenv(), msg -> { }));
        } catch (DataException | IllegalArgumentException e) {
            throw new StudioException(422, "the data of run '" + run.id() + "' (" + d.spec() + "): " + e.getMessage());
        }
        while (loaded.size() >= CACHED) {
            Iterator<String> it = loaded.keySet().iterator();
            it.next();
            it.remove();
        }
        loaded.put(key, ds);
        return ds;
    }

    /** Held-out image {@code index} as raw C x H x W pixel values 0..255; {@code field} names it in errors. */
    static float[] raw(ImageDataset ds, int index, String field) {
        if (index < 0 || index >= ds.size()) {
            throw new StudioException(400, field + ": image " + index + " does not exist (" + ds.size()
                    + " held-out images: 0.." + (ds.size() - 1) + ")");
        }
        float[] raw = new float[ds.channels() * ds.height() * ds.width()];
        ds.copyImage(index, raw, 0);
        return raw;
    }

    /** Held-out image {@code index} in [0, 1]. */
    static float[] unit(ImageDataset ds, int index, String field) {
        float[] x = raw(ds, index, field);
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255f;
        }
        return x;
    }

    private void info(Context ctx) {
        RunRef run = RunRef.withoutCheckpoint(ctx.queryParam("id"), ids);
        ImageDataset ds = of(run);
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; ds.hasLabels() && i < Math.min(LISTED, ds.size()); i++) {
            labels.add(ds.label(i));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", ds.size());
        out.put("channels", ds.channels());
        out.put("size", ds.height());
        out.put("classNames", ds.hasLabels() ? ds.classNames() : List.of());
        out.put("labels", labels);
        ctx.json(out);
    }

    private void image(Context ctx) throws IOException {
        RunRef run = RunRef.withoutCheckpoint(ctx.queryParam("id"), ids);
        long index = RunsRoutes.longParam(ctx, "index", -1);
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new StudioException(400, "index: expected a held-out image number >= 0");
        }
        ImageDataset ds = of(run);
        byte[] u8 = ImageOps.toUint8(unit(ds, (int) index, "index"), ds.channels() * ds.height() * ds.width(), 0f,
                1f);
        ctx.contentType("image/png");
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.result(PngImages.encode(ImageOps.fromChw(u8, 0, ds.channels(), ds.height(), ds.width()), Map.of()));
    }
}
