/**
 * Evaluation of generative models: numbers to choose between families by.
 *
 * <ul>
 *   <li>the feature network: {@link io.github.gen4j.eval.ClassifierNet} (a small CNN), trained as a
 *       classifier by {@link io.github.gen4j.eval.ClassifierTask} on the training core and loaded by
 *       {@link io.github.gen4j.eval.FeatureNetwork} (shipped Fashion-MNIST weights "fmnistcnn", a user's
 *       file, or the random "randcnn" fallback for unlabelled data); its penultimate layer is the embedding;
 *   <li>distribution metrics on embeddings: {@link io.github.gen4j.eval.Frechet} (FID),
 *       {@link io.github.gen4j.eval.Kid}, {@link io.github.gen4j.eval.Manifold} (precision, recall,
 *       density, coverage);
 *   <li>{@link io.github.gen4j.eval.ModeCoverage} (classes covered, KL to the data, conditional accuracy),
 *       {@link io.github.gen4j.eval.Memorization} (nearest-train distances vs test images, copies),
 *       {@link io.github.gen4j.eval.Sharpness} (variance of the Laplacian), {@link io.github.gen4j.eval.Likelihoods}
 *       (bits/dim through {@link io.github.gen4j.model.LikelihoodModel});
 *   <li>{@link io.github.gen4j.eval.Evaluator} puts them together for one sample set
 *       ({@link io.github.gen4j.eval.EvalReport}); {@link io.github.gen4j.eval.SampleSets} draws samples from
 *       a model (timed) or reads them from .npy files and image folders; {@link io.github.gen4j.eval.SanityCheck}
 *       is the table of real, blurred, noisy and one-class sets.
 * </ul>
 *
 * Not here: the comparison of several runs (package {@code compare}) and anything about training a
 * generative model.
 */
package io.github.gen4j.eval;
