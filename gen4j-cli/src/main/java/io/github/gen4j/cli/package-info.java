/**
 * The {@code gen4j} command line: {@link io.github.gen4j.cli.Main} and one picocli class per command
 * ({@code train FAMILY}, {@code sample}, {@code eval}, {@code compare}, {@code toy}, the latent tools, ...),
 * each returning an exit code, with shared options in mixins ({@link io.github.gen4j.cli.CommonOptions},
 * {@link io.github.gen4j.cli.DataOptions}, {@link io.github.gen4j.cli.TrainOptions},
 * {@link io.github.gen4j.cli.RunOptions}) and terminal output (progress bars, Ctrl-C handling).
 *
 * <p>Not here: any model, training, evaluation or comparison logic; commands parse options, call the
 * library ({@code gen4j-core}) and print what it returns.
 */
package io.github.gen4j.cli;
