/**
 * Datasets: loading images into the shared in-memory {@link io.github.gen4j.data.ImageDataset}
 * (unsigned bytes, N x C x H x W, optional labels and class names).
 *
 * <ul>
 *   <li>{@link io.github.gen4j.data.IdxReader} / {@link io.github.gen4j.data.IdxDatasets}: IDX
 *       files, the MNIST format, raw or gzipped;
 *   <li>{@link io.github.gen4j.data.FashionMnist} and {@link io.github.gen4j.data.DatasetLocator}:
 *       the default dataset and where it is found ({@code --data}, {@code GEN4J_DATA}, the Debian
 *       package directory, or the test split embedded in the jar);
 *   <li>{@link io.github.gen4j.data.ImageFolderDataset}: folders of PNG/JPEG/GIF/BMP files, with
 *       class labels from sub-folder names;
 *   <li>{@link io.github.gen4j.data.DataSources}: one entry point that picks among these for a
 *       path.
 * </ul>
 *
 * Bad input is reported as a {@link io.github.gen4j.io.DataException} whose one-line message
 * names the file. Not here: writing images ({@code io.github.gen4j.image}), tensors and batching
 * on a device (the training core).
 */
package io.github.gen4j.data;
