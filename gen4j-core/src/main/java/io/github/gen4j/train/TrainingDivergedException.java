package io.github.gen4j.train;

/**
 * Training stopped because it diverged (non-finite values the NaN policy could not recover from).
 * The run folder's newest checkpoint is the last good one.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message, Throwable cause) {
        super(message, cause);
    }
}
