/**
 * {@code gen4j compare}: trains several families under the same budget through the same training code as
 * {@code gen4j train}, evaluates every run against held-out images with the evaluation suite, and writes
 * {@code results.json}, {@code summary.md} and a self-contained {@code report.html}. A comparison is a folder
 * plus independent jobs (one per family and seed) that any process, on this machine or on a cluster sharing
 * the folder, can claim and run; the report is written from the folder.
 *
 * <ul>
 *   <li>{@link io.github.gen4j.compare.Comparison}: plan, run the jobs, report; the one-command comparison
 *       (with resume) built on those pieces;
 *   <li>{@link io.github.gen4j.compare.ComparisonFolder}: the folder's layout and every file in it (settings,
 *       job list, per-job results, evaluation): the contract between the processes;
 *   <li>{@link io.github.gen4j.compare.Job}, {@link io.github.gen4j.compare.JobClaims} (atomic claims,
 *       heartbeats, takeover of dead processes' jobs), {@link io.github.gen4j.compare.JobQueue} (runs a job
 *       under its claim), {@link io.github.gen4j.compare.JobRunner} (trains one job, failures recorded
 *       instead of aborting);
 *   <li>{@link io.github.gen4j.compare.Measurer}: the measurements of a run (with
 *       {@link io.github.gen4j.compare.RunEvaluation} on the shared {@link io.github.gen4j.eval.RunEvaluator},
 *       and {@link io.github.gen4j.compare.LatentMeasures}); {@link io.github.gen4j.compare.ComparisonReport}:
 *       what is measured across jobs (the 2D toys) and the assembly of {@code results.json};
 *   <li>{@link io.github.gen4j.family.FamilyRecipe} / {@link io.github.gen4j.compare.FamilyRecipes}: the
 *       default (or tiny) model and training settings of each family under comparison, with its
 *       {@link io.github.gen4j.family.SamplerVariant}s;
 *   <li>{@link io.github.gen4j.compare.CompareResults}: every number, with mean and spread over seeds; the
 *       claims and decisions derived from them by the documented rules of
 *       {@link io.github.gen4j.compare.Claims} and {@link io.github.gen4j.compare.Decisions}.
 * </ul>
 *
 * Not here: rendering the report (package {@code compare.report}), the training loop (train), the metrics
 * (eval), the families themselves.
 */
package io.github.gen4j.compare;
