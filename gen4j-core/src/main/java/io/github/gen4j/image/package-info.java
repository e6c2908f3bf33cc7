/**
 * Writing (and reading back) images and arrays: PNG sample grids ({@link
 * io.github.gen4j.image.ImageGrid}), single images ({@link io.github.gen4j.image.PngImages}),
 * NumPy {@code .npy} export ({@link io.github.gen4j.image.Npy}), and the pixel conversions they
 * share ({@link io.github.gen4j.image.ImageOps}: alpha over white, center-crop and resize, planar
 * C x H x W bytes), which image-folder datasets reuse.
 *
 * <p>All writes are atomic ({@link io.github.gen4j.io.AtomicFiles}). Everything here works on
 * plain Java arrays; converting model tensors to arrays is the caller's job. Not here: datasets
 * ({@code io.github.gen4j.data}).
 */
package io.github.gen4j.image;
