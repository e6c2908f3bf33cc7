/**
 * Two-dimensional toy distributions for seeing what a generative model does, in seconds: the distribution
 * ({@link io.github.gen4j.toy.ToyDistribution}, e.g. {@link io.github.gen4j.toy.RingOfGaussians}), how
 * many of its modes a set of samples covers ({@link io.github.gen4j.toy.ModeCoverage}), and a scatter plot
 * of samples over the modes ({@link io.github.gen4j.toy.ScatterPlot}). Family-independent: a family's toy
 * runner (e.g. {@code gan.ToyGan}) trains its own small networks on these points.
 */
package io.github.gen4j.toy;
