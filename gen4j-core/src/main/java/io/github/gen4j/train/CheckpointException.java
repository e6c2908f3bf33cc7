package io.github.gen4j.train;

/** A checkpoint or run folder is missing, unreadable, or does not fit the model. */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
