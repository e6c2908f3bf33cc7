package io.github.gen4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

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

    /**
     * Images [from, from + n) as a batch owned by {@code manager}: everything computed from it stays there
     * and is freed when that manager closes (how evaluations bound their memory, one chunk at a time).
     */
    public Batch slice(int from, int n, NDManager manager) {
        String range = from + ":" + (from + n);
        NDArray px = pixels.get(range);
        px.attach(manager);
        NDArray lb = null;
        if (labels != null) {
            lb = labels.get(range);
            lb.attach(manager);
        }
        return new Batch(px, lb);
    }
}
