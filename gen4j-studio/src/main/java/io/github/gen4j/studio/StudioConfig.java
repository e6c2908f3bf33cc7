package io.github.gen4j.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a studio is set up.
 *
 * @param runs the folder whose run and comparison folders the studio shows (it never reads outside it)
 * @param host the address to bind: 127.0.0.1 unless the user exposes the studio with {@code --host}
 * @param port the port; 0 picks a free one
 * @param token the secret in the start URL; exchanged for a cookie
 * @param gen4jCommand the command that runs the gen4j CLI in a child process (a training started from the
 *     studio runs as {@code gen4jCommand + ["train", family, ...]}); empty when the studio cannot start jobs
 * @param maxJobs how many trainings or comparisons run at once; the others wait in a queue
 * @param maxUploadBytes the largest uploaded image, in bytes
 * @param maxPixels the largest uploaded image, in pixels, checked from its header before decoding
 */
public record StudioConfig(Path runs, String host, int port, String token, List<String> gen4jCommand, int maxJobs,
        long maxUploadBytes, long maxPixels) {

    /** The address bound by default: this machine only. */
    public static final String LOCAL_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 7070;
    /** The default upload limit: 8 MB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 8L << 20;
    /** The default pixel limit of an upload: 16 million pixels. */
    public static final long DEFAULT_MAX_PIXELS = 16_000_000L;

    public StudioConfig {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        gen4jCommand = List.copyOf(gen4jCommand);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        if (maxJobs < 1) {
            throw new IllegalArgumentException("--max-jobs must be >= 1, got " + maxJobs);
        }
        if (token.length() < 16) {
            throw new IllegalArgumentException("the studio token must have at least 16 characters");
        }
        if (maxUploadBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("upload limits must be > 0");
        }
    }

    /** A local studio over {@code runs} with a fresh random token and the default limits. */
    public static StudioConfig local(Path runs, int port, List<String> gen4jCommand) {
        return new StudioConfig(runs, LOCAL_HOST, port, Tokens.random(), gen4jCommand, 1, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MAX_PIXELS);
    }

    /** This config bound to {@code host}. */
    public StudioConfig on(String host) {
        return new StudioConfig(runs, host, port, token, gen4jCommand, maxJobs, maxUploadBytes, maxPixels);
    }

    /** This config with at most {@code n} jobs at once. */
    public StudioConfig withMaxJobs(int n) {
        return new StudioConfig(runs, host, port, token, gen4jCommand, n, maxUploadBytes, maxPixels);
    }

    /** True when the studio listens on every interface (0.0.0.0 or ::). */
    public boolean wildcard() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** True when the studio is reachable from other machines. */
    public boolean exposed() {
        return !(host.equals(LOCAL_HOST) || host.equals("localhost") || host.equals("::1"));
    }
}
