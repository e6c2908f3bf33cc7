/**
 * What a trained model can do, independent of its family: {@link io.github.gen4j.model.ImageGenerator}
 * (draw samples), {@link io.github.gen4j.model.Reconstructor} (encode and decode),
 * {@link io.github.gen4j.model.LatentCodec} (an explicit latent: image to latent vector and back, exact
 * for flows), {@link io.github.gen4j.model.LikelihoodModel} (bits/dim), and
 * {@link io.github.gen4j.model.Runs} (load a run folder for inference). The CLI, evaluation and the
 * comparison talk to models only through these.
 */
package io.github.gen4j.model;
