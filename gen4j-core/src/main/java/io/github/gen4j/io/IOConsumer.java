package io.github.gen4j.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, e.g. a lambda that writes a file's contents to a
 * stream.
 *
 * @param <T> the type of the consumed value
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
