package io.github.gen4j.compare.report;

import io.github.gen4j.compare.Claims;
import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.Verdict;
import java.nio.file.Path;
import java.util.List;

/** "The claims, checked": each claim, its parts, the evidence from this run and the verdict with its rule. */
final class ClaimsSection implements ReportSection {

    @Override
    public String id() {
        return "claims";
    }

    @Override
    public String title() {
        return "The claims, checked";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        Table t = new Table(List.of("claim", "part", "evidence from this run", "verdict", "rule"));
        for (Claims.Claim c : Claims.check(r)) {
            Verdict v = c.verdict();
            t.row(List.of(Table.Cell.of(c.claim()), Table.Cell.of("overall"), Table.Cell.of(""),
                    new Table.Cell(v.text(), false, css(v)), Table.Cell.of("every measured part holds = holds; none"
                            + " = does not hold; some = partly")));
            for (Claims.Part p : c.parts()) {
                t.row(List.of(Table.Cell.of(""), Table.Cell.of(p.statement()), Table.Cell.of(p.evidence()),
                        new Table.Cell(p.verdict().text(), false, css(p.verdict())), Table.Cell.of(p.rule())));
            }
        }
        String note = "Verdicts are computed from the numbers of this run by the rules in the last column (thresholds"
                + " in io.github.gen4j.compare.Claims); they say what this budget, these model sizes and this data"
                + " show, not what holds in general. \"not measured\": the run lacks the family or the measurement.";
        return new Rendered(Html.p(note) + t.html(), note + "\n\n" + t.markdown());
    }

    /** The report's CSS class of a verdict's cell. */
    private static String css(Verdict v) {
        return switch (v) {
            case HOLDS -> "holds";
            case DOES_NOT_HOLD -> "fails";
            case PARTLY -> "partly";
            case NOT_MEASURED -> "unmeasured";
        };
    }
}
