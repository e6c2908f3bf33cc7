/**
 * {@code gen4j compare}: trains several families under the same budget through the same training code as
 * {@code gen4j train}, evaluates every run against held-out images with the evaluation suite, and writes
 * {@code results.json}, {@code summary.md} and a self-contained {@code report.html}.
 *
 * <ul>
 *   <li>{@link io.github.gen4j.family.FamilyRecipe} / {@link io.github.gen4j.compare.FamilyRecipes}: the
 *       default (or tiny) model and training settings of each family under comparison;
 *   <li>{@link io.github.gen4j.compare.Comparison}: the experiment runner (jobs = family x seed, resume,
 *       failures recorded instead of aborting);
 *   <li>{@link io.github.gen4j.compare.RunEvaluation}: the measurements of one trained run;
 *   <li>{@link io.github.gen4j.compare.CompareResults}: every number, with mean and spread over seeds;
 *   <li>{@link io.github.gen4j.compare.Report} and its {@link io.github.gen4j.compare.ReportSection}s: the
 *       HTML and markdown report; claims and decisions are derived from the numbers by the documented rules
 *       of {@link io.github.gen4j.compare.Claims} and {@link io.github.gen4j.compare.Decisions}.
 * </ul>
 *
 * What does not live here: the training loop (train), the metrics (eval), the families themselves.
 */
package io.github.gen4j.compare;
