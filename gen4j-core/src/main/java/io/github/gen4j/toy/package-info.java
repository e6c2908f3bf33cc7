/**
 * Two-dimensional toy experiments: what each generative family does, visible in seconds.
 *
 * <ul>
 *   <li>Distributions ({@link io.github.gen4j.toy.ToyDistribution}): 8 Gaussians on a ring
 *       ({@link io.github.gen4j.toy.RingOfGaussians}) and two moons ({@link io.github.gen4j.toy.TwoMoons}).
 *   <li>Toy models with MLPs on points ({@link io.github.gen4j.toy.ToyModel}): a VAE with a 2-D latent
 *       ({@link io.github.gen4j.toy.ToyVae}), a diffusion model on the diffusion family's schedule and
 *       samplers ({@link io.github.gen4j.toy.ToyDiffusion}), and RealNVP on the flow family's layers
 *       ({@link io.github.gen4j.toy.ToyFlow}); {@link io.github.gen4j.toy.ToyTrainer} trains them with the
 *       training core's optimizer and seeds. The toy GAN ({@link io.github.gen4j.toy.ToyGan},
 *       {@link io.github.gen4j.toy.ToyGanConfig}) has its own loop, because it is the image GAN's own step
 *       code ({@code gan.GanSteps}) on MLPs and needs two optimizers.
 *   <li>Measures ({@link io.github.gen4j.toy.ToyModeCoverage}, {@link io.github.gen4j.toy.ToyMetrics}) and
 *       charts drawn with XChart ({@link io.github.gen4j.toy.ToyPlots}).
 *   <li>The entry point for reports: {@link io.github.gen4j.toy.ToyGallery#run}, given each family's
 *       {@link io.github.gen4j.toy.ToyRecipe} (the list of toy families is {@code family.FamilyRegistry#toys}).
 * </ul>
 * The toy models live here rather than in their families' packages because they share this package's
 * MLP, trainer and plots, and they only borrow the families' stable parts (schedule and samplers, flow
 * layers), keeping the family packages about images.
 */
package io.github.gen4j.toy;
