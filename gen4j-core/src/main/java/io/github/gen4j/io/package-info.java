/**
 * Small file-system helpers shared by every package that writes output: atomic replacement of
 * files ({@link io.github.gen4j.io.AtomicFiles}) so that a crash or an exception mid-write never
 * leaves a half-written PNG, .npy or checkpoint behind; JSON reading and writing
 * ({@link io.github.gen4j.io.Json}); and {@link io.github.gen4j.io.DataException}, the one-line error for an
 * input file that is missing or malformed, thrown by both the dataset readers ({@code data}) and the image
 * and .npy readers ({@code image}), which is why it lives below both.
 *
 * <p>Nothing here knows about images, datasets or models; format readers and writers live in
 * {@code io.github.gen4j.data} and {@code io.github.gen4j.image}.
 */
package io.github.gen4j.io;
