/**
 * What a trained model can do, independent of its family: {@link io.github.gen4j.model.ImageGenerator}
 * (draw samples, with {@link io.github.gen4j.model.SampleOptions} and
 * {@link io.github.gen4j.model.SamplingProgress}), {@link io.github.gen4j.model.Reconstructor} (encode and
 * decode), {@link io.github.gen4j.model.LatentCodec} (an explicit latent: image to latent vector and back,
 * exact for flows) and {@link io.github.gen4j.model.LikelihoodModel} (bits/dim). The CLI, evaluation and the
 * comparison talk to models only through these.
 *
 * <p>Not here: the list of families and loading a run folder ({@code family.FamilyRegistry},
 * {@code family.Runs}); this package imports no family, so every family can implement it.
 */
package io.github.gen4j.model;
