package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One section of the comparison report. A section reads the results (and the run folders for curves),
 * may write files under the comparison folder (charts) and returns the same content as HTML and as
 * markdown. Adding a section to the report = implementing this and listing it in {@link Report}.
 */
public interface ReportSection {

    /** HTML and markdown of a section; image paths are relative to the comparison folder. */
    record Rendered(String html, String markdown) {}

    /** Anchor id, lower case. */
    String id();

    /** Heading. */
    String title();

    /** The section's content for {@code results} of the comparison in {@code dir}. */
    Rendered render(Path dir, CompareResults results) throws IOException;
}
