package io.github.gen4j.studio;

import io.github.gen4j.Gen4j;
import io.github.gen4j.family.FamilyRegistry;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gen4j studio: a local web app over gen4j-core to watch training live, browse and compare runs, start and
 * stop trainings, and sample, interpolate and inpaint in the browser. It holds no model logic: every route is
 * a thin call into the library (or, to train, a child process running the gen4j CLI).
 *
 * <pre>{@code
 * try (Studio studio = Studio.start(StudioConfig.local(Path.of("runs"), 7070, List.of()))) {
 *     System.out.println(studio.startUrl());
 *     studio.join();
 * }
 * }</pre>
 */
public final class Studio implements AutoCloseable {

    private final StudioConfig config;
    private final Javalin app;
    private final List<AutoCloseable> parts;
    private final Guard guard;

    private Studio(StudioConfig config, Javalin app, List<AutoCloseable> parts, Guard guard) {
        this.config = config;
        this.app = app;
        this.parts = parts;
        this.guard = guard;
    }

    /** Starts a studio; fails with a one-line message when the port is taken or the runs folder unusable. */
    public static Studio start(StudioConfig config) {
        RunIds ids = new RunIds(config.runs());
        RunIndex index = new RunIndex(ids);
        List<StudioRoutes> routes = new ArrayList<>();
        routes.add(new RunsRoutes(index));
        LiveEvents live = new LiveEvents(index);
        routes.add(live);
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(live);
        Jobs jobs = new Jobs(config.gen4jCommand(), ids, config.maxJobs(), Jobs.CLOSE_WAIT_MILLIS);
        parts.add(jobs);
        routes.add(new JobsRoutes(jobs, new JobArgs(index, DataChoices.of(System.getenv())), index));
        routes.add(new ComparisonsRoutes(index));
        Models models = new Models();
        parts.add(models);
        Results results = new Results();
        HeldOut heldOut = new HeldOut(ids);
        routes.add(results);
        routes.add(heldOut);
        routes.add(new SampleRoutes(ids, models, results));
        routes.add(new InterpolateRoutes(ids, models, results, heldOut));
        routes.add(new EditRoutes(ids, models, results, heldOut, new Uploads(config)));
        Guard[] guard = new Guard[1];
        Javalin app = Javalin.create(cfg -> configure(cfg, config, routes, guard));
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("studio: cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
        guard[0] = new Guard(config, app.port());
        return new Studio(config, app, parts, guard[0]);
    }

    private static void configure(JavalinConfig cfg, StudioConfig config, List<StudioRoutes> routes, Guard[] guard) {
        cfg.startup.showJavalinBanner = false;
        cfg.jetty.host = config.host();
        cfg.jetty.port = config.port();
        cfg.http.maxRequestSize = config.maxUploadBytes() + 64 * 1024;
        // a multipart upload is held in memory (no temporary files) and bounded like a raw one
        cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + 64 * 1024, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, config.maxUploadBytes() + 1),
                SizeUnit.BYTES);
        cfg.staticFiles.add(s -> {
            s.hostedPath = "/";
            s.directory = "/studio";
            s.location = Location.CLASSPATH;
        });
        cfg.staticFiles.enableWebjars();
        // the guard needs the bound port, known once the server has started: requests arrive only after that
        cfg.routes.before(ctx -> guard[0].check(ctx));
        cfg.routes.get("/api/info", ctx -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("version", Gen4j.VERSION);
            info.put("runs", config.runs().toAbsolutePath().toString());
            info.put("families", FamilyRegistry.names());
            info.put("canStartJobs", !config.gen4jCommand().isEmpty());
            info.put("exposed", config.exposed());
            ctx.json(info);
        });
        for (StudioRoutes r : routes) {
            r.addTo(cfg.routes);
        }
        cfg.routes.exception(StudioException.class, (e, ctx) -> {
            closeAfterRefusedBody(ctx, e.status());
            ctx.status(e.status());
            ctx.json(Map.of("error", e.getMessage()));
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            closeAfterRefusedBody(ctx, e.getStatus());
            ctx.status(e.getStatus());
            ctx.json(Map.of("error", e.getMessage()));
        });
        cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
            ctx.status(400);
            ctx.json(Map.of("error", String.valueOf(e.getMessage())));
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            ctx.status(500);
            ctx.json(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        });
    }

    /**
     * An upload refused as too large (413) is answered before its body has been read: the connection is then
     * closed, so a client does not send its next request on a connection that still carries the unread body.
     */
    private static void closeAfterRefusedBody(io.javalin.http.Context ctx, int status) {
        if (status == 413) {
            ctx.header("Connection", "close");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The port the studio listens on. */
    public int port() {
        return app.port();
    }

    /** The URL to open: it carries the token, which the studio swaps for a cookie. */
    public String startUrl() {
        return baseUrl() + "/?token=" + config.token();
    }

    /** The studio's address without the token. */
    public String baseUrl() {
        String h = config.wildcard() ? siteAddress() : config.exposed() ? config.host() : "127.0.0.1";
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port();
    }

    /** This machine's first non-loopback IPv4 address (to print a URL that works from elsewhere), else 127.0.0.1. */
    private static String siteAddress() {
        try {
            for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // fall through
        }
        return "127.0.0.1";
    }

    /** The name of the cookie that carries the token. */
    public String cookieName() {
        return guard.cookieName();
    }

    public StudioConfig config() {
        return config;
    }

    /** How many event streams are open (closed pages must be let go). */
    int openEventStreams() {
        return parts.stream().filter(LiveEvents.class::isInstance).mapToInt(p -> ((LiveEvents) p).streams()).sum();
    }

    /** Every route the studio answers, as "METHOD /path", sorted: the security tests check each one's guard. */
    List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint)
                .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).sorted().toList();
    }

    /** Blocks until the studio is closed (by {@link #close} from another thread or the JVM's shutdown). */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    @Override
    public void close() {
        for (AutoCloseable p : parts) {
            try {
                p.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        app.stop();
    }
}
