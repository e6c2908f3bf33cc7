/**
 * The model-agnostic training core: a family implements {@link io.github.gen4j.train.TrainingTask} (networks,
 * optimizers, one training step) and {@link io.github.gen4j.train.Trainer} runs the loop with the learning
 * rate schedule, clipping, EMA ({@link io.github.gen4j.train.Ema}), the NaN guard, metrics
 * ({@link io.github.gen4j.train.MetricsLog}), sample grids and checkpoints
 * ({@link io.github.gen4j.train.CheckpointStore}, {@link io.github.gen4j.train.ModelState}), extended by
 * {@link io.github.gen4j.train.TrainingListener}s. {@link io.github.gen4j.train.TrainConfig} holds the
 * training settings, {@link io.github.gen4j.train.RunDir} and {@link io.github.gen4j.train.RunConfig} the run
 * folder and its {@code config.json}, {@link io.github.gen4j.train.TrainingRun} starts or resumes a run and
 * {@link io.github.gen4j.train.LoadedRun} loads one for inference; both rebuild the task through a
 * {@link io.github.gen4j.train.TaskFactory} they are given.
 *
 * <p>Not here: any family or the list of families (the caller passes a {@code TaskFactory}, usually
 * {@code family.FamilyRegistry::task}); progress bars and Ctrl-C handling ({@code cli}); evaluation metrics
 * ({@code eval}).
 */
package io.github.gen4j.train;
