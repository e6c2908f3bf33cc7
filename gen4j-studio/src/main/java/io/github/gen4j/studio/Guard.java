package io.github.gen4j.studio;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The studio's defences against attacks through the browser (a local tool is reached by any page the user
 * visits):
 * <ul>
 *   <li>DNS rebinding: a request whose Host header is not localhost, 127.0.0.1 or [::1] with the studio's port
 *       (or the exposed host) gets 403.</li>
 *   <li>The token from the start URL is exchanged for an HttpOnly, SameSite=Strict cookie; API calls without
 *       it get 401.</li>
 *   <li>Cross-site requests: anything that changes state is POST only and must carry an Origin header naming
 *       the studio itself (403 otherwise). No CORS headers are ever sent.</li>
 * </ul>
 */
final class Guard {

    private final StudioConfig config;
    private final int port;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> origins = new LinkedHashSet<>();
    /** Bound to every interface: any IP-literal Host with the port is this studio (a rebinding attack needs a name). */
    private final java.util.regex.Pattern ipLiteral;

    Guard(StudioConfig config, int port) {
        this.config = config;
        this.port = port;
        for (String h : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
            hosts.add(h + ":" + port);
        }
        if (config.exposed()) {
            String h = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]"
                    : config.host();
            hosts.add(h + ":" + port);
        }
        for (String h : hosts) {
            origins.add("http://" + h);
        }
        ipLiteral = config.wildcard() ? java.util.regex.Pattern.compile(
                "((\\d{1,3}\\.){3}\\d{1,3}|\\[[0-9a-f:.]+\\]):" + port) : null;
    }

    /** True when {@code host} (a Host header's value, or an Origin without its scheme) names this studio. */
    private boolean isStudio(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return hosts.contains(h) || (ipLiteral != null && ipLiteral.matcher(h).matches());
    }

    /** The cookie's name: per port, since browsers share cookies between ports of one host. */
    String cookieName() {
        return "gen4j-studio-" + port;
    }

    /** Runs before every request, static files included. */
    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !isStudio(host)) {
            throw new ForbiddenResponse("Host '" + host + "' is not this studio (expected one of " + hosts + ")");
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        HandlerType method = ctx.method();
        boolean reads = method == HandlerType.GET || method == HandlerType.HEAD;
        if (!reads) {
            String origin = ctx.header("Origin");
            if (origin == null || !(origins.contains(origin.toLowerCase(java.util.Locale.ROOT))
                    || (origin.startsWith("http://") && ipLiteral != null && isStudio(origin.substring(7))))) {
                throw new ForbiddenResponse("Origin '" + origin + "' may not change anything here");
            }
        }
        String path = ctx.path();
        if (path.equals("/") && ctx.queryParam("token") != null) {
            if (!Tokens.matches(config.token(), ctx.queryParam("token"))) {
                throw new UnauthorizedResponse("wrong token: open the URL that 'gen4j studio' printed");
            }
            ctx.header("Set-Cookie", cookieName() + "=" + config.token() + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.header("Cache-Control", "no-store");
            ctx.redirect("/");
            ctx.skipRemainingHandlers();
            return;
        }
        if (path.startsWith("/api/") && !Tokens.matches(config.token(), ctx.cookie(cookieName()))) {
            throw new UnauthorizedResponse("no studio token: open the URL that 'gen4j studio' printed");
        }
    }
}
