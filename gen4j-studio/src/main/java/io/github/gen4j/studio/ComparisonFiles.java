package io.github.gen4j.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files of a comparison folder that the studio serves: {@code report.html} and what it links to
 * relatively ({@code images/...}, {@code charts/...}, {@code toy/...}, {@code results.json}, {@code summary.md}).
 * A path is resolved inside its comparison folder only: each segment a plain name (no {@code ..}, no hidden
 * names, no backslash, no {@code %} left after the server's decoding), at most {@link #MAX_SEGMENTS} deep, a
 * known file type, and its real path (symbolic links followed) still inside the folder.
 */
final class ComparisonFiles {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final int MAX_SEGMENTS = 6;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "png", "image/png",
            "gif", "image/gif", "jpg", "image/jpeg", "jpeg", "image/jpeg", "svg", "image/svg+xml",
            "json", "application/json", "md", "text/plain; charset=utf-8", "txt", "text/plain; charset=utf-8",
            "csv", "text/plain; charset=utf-8");

    /**
     * The report is shown in the studio's page inside an {@code <iframe sandbox="allow-same-origin">}: framing by
     * the studio itself is allowed here (the studio's other responses forbid any framing). Scripts are off
     * twice: no script source at all, and the CSP sandbox (which keeps the origin, so the report's images are
     * requested with the studio's cookie). A report opened in a tab of its own is just as inert.
     */
    static final String CSP = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'self'; sandbox allow-same-origin";

    private ComparisonFiles() {}

    /** The file {@code path} (relative, '/'-separated) of the comparison folder {@code dir} (a real path). */
    static Path resolve(Path dir, String path) {
        if (path == null || path.isEmpty()) {
            throw new StudioException(400, "path: missing (e.g. report.html)");
        }
        String[] parts = path.split("/", -1);
        if (parts.length > MAX_SEGMENTS) {
            throw new StudioException(400, "path: '" + JobForm.shorten(path) + "' is too deep");
        }
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                throw new StudioException(400, "path: '" + JobForm.shorten(path) + "' is not a file of the comparison"
                        + " folder (names of letters, digits, '.', '_', '-', joined by '/')");
            }
        }
        String name = parts[parts.length - 1];
        if (type(name) == null) {
            throw new StudioException(400, "path: '" + JobForm.shorten(name) + "' is not a report file (expected "
                    + String.join(", ", TYPES.keySet().stream().sorted().toList()) + ")");
        }
        Path f = dir.resolve(path).normalize();
        if (!f.startsWith(dir)) {
            throw new StudioException(400, "path: '" + JobForm.shorten(path) + "' leads outside the comparison folder");
        }
        Path real;
        try {
            real = f.toRealPath();
        } catch (IOException e) {
            throw new StudioException(404, "no file '" + JobForm.shorten(path) + "' in the comparison folder");
        }
        if (!real.startsWith(dir)) {
            throw new StudioException(400, "path: '" + JobForm.shorten(path) + "' leads outside the comparison folder");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new StudioException(404, "no file '" + JobForm.shorten(path) + "' in the comparison folder");
        }
        return real;
    }

    /** Sends {@code f} with its type and the report's headers. */
    static void send(Context ctx, Path f) throws IOException {
        ctx.contentType(type(f.getFileName().toString()));
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.header("Cache-Control", "no-cache");
        ctx.result(Files.newInputStream(f));
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
