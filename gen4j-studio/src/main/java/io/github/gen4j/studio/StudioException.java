package io.github.gen4j.studio;

/** A request the studio refuses: an HTTP status and a one-line reason, sent as {@code {"error": ...}}. */
public final class StudioException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public StudioException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
