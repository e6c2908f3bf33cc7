package io.github.gen4j.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The contents of an unsigned-byte IDX file: its dimensions (outermost first, e.g. {@code [N, H,
 * W]} for images or {@code [N]} for labels) and its data in row-major order.
 *
 * @param dims the dimensions, each positive; 1 to 4 of them
 * @param data the elements, {@code product(dims)} unsigned bytes
 */
public record IdxArray(int[] dims, byte[] data) {

    /** Size of the outermost dimension (the number of items). */
    public int count() {
        return dims[0];
    }

    /** Number of bytes in one item: the product of all dimensions but the first. */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** Items {@code [from, to)} along the first dimension, copied. */
    public IdxArray slice(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count());
        }
        int[] d = dims.clone();
        d[0] = to - from;
        int s = itemSize();
        return new IdxArray(d, Arrays.copyOfRange(data, from * s, to * s));
    }

    /** The dimensions as "60000x28x28". */
    public String shapeString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }
}
