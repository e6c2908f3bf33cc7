/**
 * The list of generative families, one registration each, above the families' own packages:
 * {@link io.github.gen4j.family.Family} (name, display name, task from a saved model config, latent space,
 * comparison recipe {@link io.github.gen4j.family.FamilyRecipe}, 2D toy model), one small class per family
 * ({@code VaeFamily}, {@code GanFamily}, {@code DiffusionFamily}, {@code FlowFamily}, {@code VaeGanFamily}),
 * {@link io.github.gen4j.family.FamilyRegistry} (the ordered list and the lookups by name, including the
 * training core's task factory) and {@link io.github.gen4j.family.Runs} (load any run folder for inference).
 * Adding a family means writing its package and one registration listed in {@code FamilyRegistry}.
 *
 * <p>Not here: what a trained model can do ({@code model}), the training core, which takes a
 * {@code train.TaskFactory} and never this list ({@code train}), the families' networks and objectives
 * (their own packages, which never import this one), the comparison runner and report ({@code compare}).
 */
package io.github.gen4j.family;
