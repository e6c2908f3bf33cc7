package io.github.gen4j.io;

/**
 * Bad input data: a file that is missing, unreadable, or not in the expected format. The message
 * is always one line that names the file and says what was expected, so a command-line tool can
 * print it as is, e.g. {@code "train-images-idx3-ubyte.gz: truncated IDX file: expected 47040000
 * bytes of data, found 1000"}.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and what was expected */
    public DataException(String message) {
        super(message);
    }

    /** @param message one line naming the file and what was expected */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
