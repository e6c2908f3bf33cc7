package io.github.gen4j.compare.report;

import io.github.gen4j.compare.CompareResults;
import io.github.gen4j.compare.Decisions;
import java.nio.file.Path;
import java.util.List;

/** "Which model for which goal": the family this run's numbers favour for each goal, with the numbers. */
final class DecisionsSection implements ReportSection {

    @Override
    public String id() {
        return "decisions";
    }

    @Override
    public String title() {
        return "Which model for which goal";
    }

    @Override
    public Rendered render(Path dir, CompareResults r) {
        Table t = new Table(List.of("goal", "family", "numbers", "rule"));
        for (Decisions.Decision d : Decisions.decide(r)) {
            t.row(List.of(Table.Cell.of(d.goal()), new Table.Cell(d.family() == null ? "not measured" : d.family(),
                    false, d.family() == null ? "unmeasured" : "holds"), Table.Cell.of(d.evidence()),
                    Table.Cell.of(d.rule())));
        }
        String note = "The family each goal's rule picks from this run's means over seeds.";
        return new Rendered(Html.p(note) + t.html(), note + "\n\n" + t.markdown());
    }
}
