package io.github.gen4j.data;

import ai.djl.ndarray.NDArray;

/**
 * A mini-batch on the compute device.
 *
 * @param pixels (B, C, H, W) float32 raw pixel values 0..255; each family applies its own
 *     {@link Pixels} transform
 * @param labels (B) int32 class labels, or {@code null} for unlabelled data
 */
public record Batch(NDArray pixels, NDArray labels) {

    public int size() {
        return (int) pixels.getShape().get(0);
    }

    public boolean hasLabels() {
        return labels != null;
    }
}
