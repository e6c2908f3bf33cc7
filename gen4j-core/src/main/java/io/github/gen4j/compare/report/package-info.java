/**
 * The comparison report: renders a {@link io.github.gen4j.compare.CompareResults} as {@code report.html} (one
 * self-contained page, images as files beside it) and {@code summary.md}.
 *
 * <ul>
 *   <li>{@link io.github.gen4j.compare.report.Report}: the page, a list of
 *       {@link io.github.gen4j.compare.report.ReportSection}s, each rendering itself as HTML and markdown;
 *   <li>the sections (overview, samples, curves, metrics, samplers, latent space, 2D toys, claims, decisions),
 *       {@link io.github.gen4j.compare.report.Charts} (PNG charts) and the small HTML helpers
 *       {@link io.github.gen4j.compare.report.Html} and {@link io.github.gen4j.compare.report.Table}.
 * </ul>
 *
 * Not here: training or measuring anything, and the verdicts (the claims and decisions are derived from the
 * numbers in {@code compare}; this package only shows them).
 */
package io.github.gen4j.compare.report;
