package io.github.gen4j.studio;

import io.github.gen4j.image.PngImages;
import io.github.gen4j.io.DataException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Images sent by the page (an image to edit, a drawn mask), read safely: at most
 * {@link StudioConfig#maxUploadBytes} bytes (413 beyond), and decoded only after the header's pixel count
 * has been checked against {@link StudioConfig#maxPixels} (so a small file declaring 40000x40000 pixels is
 * refused undecoded); corrupt, truncated or unknown data, and a decoder running out of memory, are a 400
 * with one line, never a 500. Prepared uploads (at a run's image size) are kept for the edits that name
 * them, the {@link #KEPT} most recent.
 */
final class Uploads {

    /** Prepared uploads kept. */
    static final int KEPT = 32;

    private static final Pattern ID = Pattern.compile("u[0-9a-f]{24}");

    /** An upload at a run's size: C x H x W values in [0, 1]. */
    record Prepared(float[] unit, int channels, int size) {}

    private final StudioConfig config;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Prepared> kept = new LinkedHashMap<>(16, 0.75f, true);

    Uploads(StudioConfig config) {
        this.config = config;
    }

    /**
     * The uploaded bytes of a request: the multipart file part {@code part}, or else the raw body; 413 over
     * the size limit.
     */
    byte[] body(Context ctx, String part) {
        long max = config.maxUploadBytes();
        if (ctx.contentLength() > max + (ctx.isMultipartFormData() ? 64 * 1024 : 0)) {
            throw tooLarge(part, ctx.contentLength());
        }
        if (ctx.isMultipartFormData()) {
            UploadedFile f;
            try {
                f = ctx.uploadedFile(part);
            } catch (Exception e) { // Jetty's multipart parser may throw checked exceptions through Kotlin code
                for (Throwable t = e; t != null; t = t.getCause()) {
                    String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                    if (m.contains("size") || m.contains("large") || m.contains("exceed")) {
                        throw tooLarge(part, -1);
                    }
                }
                throw new StudioException(400, part + ": cannot read the multipart upload (" + oneLine(e) + ")");
            }
            if (f == null) {
                throw new StudioException(400, part + ": the upload has no file part named '" + part + "'");
            }
            if (f.size() > max) {
                throw tooLarge(part, f.size());
            }
            try (InputStream in = f.content()) {
                return bounded(in, part);
            } catch (IOException e) {
                throw new StudioException(400, part + ": the upload broke off (" + oneLine(e) + ")");
            }
        }
        try (InputStream in = ctx.bodyInputStream()) {
            return bounded(in, part);
        } catch (IOException e) {
            throw new StudioException(400, part + ": the upload broke off (" + oneLine(e) + ")");
        }
    }

    private byte[] bounded(InputStream in, String part) throws IOException {
        long max = config.maxUploadBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int r; (r = in.read(buf)) > 0;) {
            total += r;
            if (total > max) {
                throw tooLarge(part, -1);
            }
            out.write(buf, 0, r);
        }
        if (total == 0) {
            throw new StudioException(400, part + ": the upload is empty (expected a PNG or JPEG image)");
        }
        return out.toByteArray();
    }

    private StudioException tooLarge(String part, long size) {
        return new StudioException(413, part + ": the upload" + (size > 0 ? " of " + size + " bytes" : "")
                + " is over the limit of " + config.maxUploadBytes() + " bytes");
    }

    /**
     * Bytes given in a JSON field as base64, plain or as a data URL ({@code data:image/png;base64,...}, what
     * a canvas's toDataURL gives); 413 over the size limit.
     */
    byte[] base64(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new StudioException(400, field + ": missing (expected a PNG image as base64 or a data URL)");
        }
        String b64 = value;
        if (b64.startsWith("data:")) {
            int comma = b64.indexOf(',');
            if (comma < 0 || !b64.substring(0, comma).endsWith(";base64")) {
                throw new StudioException(400, field + ": expected a base64 data URL (data:image/png;base64,...)");
            }
            b64 = b64.substring(comma + 1);
        }
        if (b64.length() / 4L * 3 > config.maxUploadBytes()) {
            throw tooLarge(field, b64.length() / 4L * 3);
        }
        try {
            return Base64.getDecoder().decode(b64.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new StudioException(400, field + ": not base64 data (" + oneLine(e) + ")");
        }
    }

    /**
     * Decodes image bytes to {@code channels} at {@code size} x {@code size} (shorter side resized,
     * center-cropped), values in [0, 1]; {@code what} names them in errors.
     */
    float[] decode(byte[] data, String what, int channels, int size) {
        try {
            return PngImages.read(data, what, channels, size, config.maxPixels()).unit();
        } catch (DataException e) {
            throw new StudioException(400, oneLine(e));
        } catch (OutOfMemoryError e) {
            throw new StudioException(400, what + ": image too large to decode in this Java heap");
        } catch (RuntimeException e) {
            throw new StudioException(400, what + ": corrupt or unreadable image (" + oneLine(e) + ")");
        }
    }

    /** Keeps a prepared upload; returns its id. */
    synchronized String keep(Prepared p) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        String id = "u" + HexFormat.of().formatHex(b);
        kept.put(id, p);
        Iterator<String> it = kept.keySet().iterator();
        while (kept.size() > KEPT) {
            it.next();
            it.remove();
        }
        return id;
    }

    /** A kept upload, checked to fit a run of {@code channels} x {@code size} x {@code size} images. */
    synchronized Prepared get(String id, int channels, int size, String runId) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new StudioException(400, "upload: expected an id from /api/run/upload, got '"
                    + Fields.shorten(String.valueOf(id)) + "'");
        }
        Prepared p = kept.get(id);
        if (p == null) {
            throw new StudioException(404, "upload " + id + " is gone (the studio keeps the newest " + KEPT
                    + "); upload the image again");
        }
        if (p.channels() != channels || p.size() != size) {
            throw new StudioException(400, "upload " + id + " was prepared for " + p.channels() + "x" + p.size() + "x"
                    + p.size() + " images, run '" + runId + "' takes " + channels + "x" + size + "x" + size
                    + "; upload it again for this run");
        }
        return p;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
