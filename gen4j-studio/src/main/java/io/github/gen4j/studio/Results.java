package io.github.gen4j.studio;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What sampling, interpolation and editing made (PNG and GIF bytes), kept in memory for the page to show and
 * download: at most {@link #MAX_BYTES} and {@link #MAX_ENTRIES}, the least recently used dropped first, so
 * the studio never fills the disk or the heap. Nothing is written to disk.
 *
 * <ul>
 *   <li>{@code GET /api/result?id=ID}: the bytes, with their content type</li>
 *   <li>{@code GET /api/result?id=ID&download=1}: the same as an attachment with its file name
 *       (e.g. {@code vae-20261203-step00000300-seed42.png})</li>
 * </ul>
 */
final class Results implements StudioRoutes {

    /** Bytes kept at most: 64 MB. */
    static final long MAX_BYTES = 64L << 20;
    /** Results kept at most. */
    static final int MAX_ENTRIES = 4096;

    private static final Pattern ID = Pattern.compile("r[0-9a-f]{24}");

    /** One stored result. */
    record Result(byte[] bytes, String contentType, String fileName) {}

    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Result> store = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** Stores a result; returns its id. */
    synchronized String put(byte[] data, String contentType, String fileName) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        String id = "r" + HexFormat.of().formatHex(b);
        store.put(id, new Result(data, contentType, fileName));
        bytes += data.length;
        Iterator<Map.Entry<String, Result>> it = store.entrySet().iterator();
        while ((bytes > MAX_BYTES || store.size() > MAX_ENTRIES) && store.size() > 1) {
            bytes -= it.next().getValue().bytes().length;
            it.remove();
        }
        return id;
    }

    /** Stores a PNG. */
    String png(byte[] data, String fileName) {
        return put(data, "image/png", fileName);
    }

    /** The result of an id, or null if it was never made or has been dropped. */
    synchronized Result get(String id) {
        return id == null ? null : store.get(id);
    }

    /** True if every id is still stored. */
    synchronized boolean hasAll(Iterable<String> ids) {
        for (String id : ids) {
            if (!store.containsKey(id)) {
                return false;
            }
        }
        return true;
    }

    /** The URL that shows a result. */
    static String url(String id) {
        return "/api/result?id=" + id;
    }

    /** The URL that downloads a result as a file. */
    static String downloadUrl(String id) {
        return url(id) + "&download=1";
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/result", this::serve);
    }

    private void serve(Context ctx) {
        String id = ctx.queryParam("id");
        if (id == null || !ID.matcher(id).matches()) {
            throw new StudioException(400, "id: expected a result id such as r0123..., got '"
                    + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
        Result r = get(id);
        if (r == null) {
            throw new StudioException(404, "result " + id + " is gone (the studio keeps the newest "
                    + (MAX_BYTES >> 20) + " MB); make it again");
        }
        ctx.contentType(r.contentType());
        ctx.header("Cache-Control", "private, max-age=3600");
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + r.fileName() + "\"");
        }
        ctx.result(r.bytes());
    }
}
