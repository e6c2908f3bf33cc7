/**
 * What a trained model can do, independent of its family: {@link io.github.gen4j.model.ImageGenerator}
 * (draw samples), {@link io.github.gen4j.model.Reconstructor} (encode and decode), and
 * {@link io.github.gen4j.model.Runs} (load a run folder for inference). The CLI, evaluation and the
 * comparison talk to models only through these.
 */
package io.github.gen4j.model;
