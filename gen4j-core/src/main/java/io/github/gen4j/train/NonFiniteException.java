package io.github.gen4j.train;

/** A loss or gradient became NaN or infinite; the update that would have used it was not applied. */
public final class NonFiniteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonFiniteException(String message) {
        super(message);
    }
}
