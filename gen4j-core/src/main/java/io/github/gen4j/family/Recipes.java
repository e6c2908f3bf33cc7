package io.github.gen4j.family;

import io.github.gen4j.data.ImageDataset;

/** What the families' comparison recipes share: the square-image check. */
final class Recipes {

    private Recipes() {}

    /** Refuses non-square images, which the family's network ({@code what}) cannot take. */
    static void requireSquare(ImageDataset d, String what) {
        if (d.height() != d.width()) {
            throw new IllegalArgumentException("--data: images are " + d.height() + "x" + d.width() + ", the "
                    + what + " needs square images (use --image-size)");
        }
    }
}
