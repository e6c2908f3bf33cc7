package io.github.gen4j.image;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An array read from a NumPy {@code .npy} file. Exactly one of {@code uint8} and {@code float32}
 * is non-null, according to {@code descr}.
 *
 * @param descr the NumPy dtype descriptor: {@code "|u1"} or {@code "<f4"}
 * @param shape the dimensions, outermost first (empty for a scalar)
 * @param uint8 the elements in C order if {@code descr} is {@code "|u1"}, else null
 * @param float32 the elements in C order if {@code descr} is {@code "<f4"}, else null
 */
public record NpyArray(String descr, int[] shape, byte[] uint8, float[] float32) {

    /** Number of elements: the product of the shape. */
    public long count() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Python-style shape, e.g. "(2, 3)" or "(5,)". */
    public String shapeString() {
        return Npy.pythonShape(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr + " " + shapeString() + "]";
    }

    static String join(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
