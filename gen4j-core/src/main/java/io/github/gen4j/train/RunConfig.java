package io.github.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.data.ImageDataset;
import java.util.List;

/**
 * Everything needed to rebuild and continue a run: saved as {@code config.json} in the run folder and
 * inside every checkpoint.
 *
 * @param gen4jVersion the library version that wrote it
 * @param family model family ("vae", ...)
 * @param model the family's typed model config, as JSON
 * @param train the training config (includes the seed)
 * @param data what the model was trained on
 */
public record RunConfig(String gen4jVersion, String family, JsonNode model, TrainConfig train, DataInfo data) {

    /**
     * The data a run used.
     *
     * @param description where the images came from (printed note of the locator)
     * @param spec the {@code --data} value or source name that reproduces it
     * @param channels image channels C
     * @param height image height H
     * @param width image width W
     * @param classNames class names; empty for unlabelled data
     * @param trainSize images trained on
     * @param heldOutSize held-out images used for evaluation (never trained on)
     */
    public record DataInfo(
            String description,
            String spec,
            int channels,
            int height,
            int width,
            List<String> classNames,
            int trainSize,
            int heldOutSize) {

        public static DataInfo of(String description, String spec, ImageDataset train, ImageDataset heldOut) {
            return new DataInfo(description, spec, train.channels(), train.height(), train.width(),
                    train.hasLabels() ? train.classNames() : List.of(), train.size(),
                    heldOut == null ? 0 : heldOut.size());
        }
    }
}
