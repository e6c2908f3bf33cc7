package io.github.gen4j.compare;

/** The verdict on a claim, derived from this run's numbers by a stated rule. */
public enum Verdict {
    HOLDS("holds", "holds"),
    DOES_NOT_HOLD("does not hold", "fails"),
    PARTLY("partly holds", "partly"),
    NOT_MEASURED("not measured", "unmeasured");

    private final String text;
    private final String css;

    Verdict(String text, String css) {
        this.text = text;
        this.css = css;
    }

    public String text() {
        return text;
    }

    String css() {
        return css;
    }

    static Verdict of(boolean holds) {
        return holds ? HOLDS : DOES_NOT_HOLD;
    }

    /**
     * A claim made of parts: holds if every measured part holds, does not hold if none does, partly otherwise;
     * not measured if no part was.
     */
    static Verdict combine(Iterable<Verdict> parts) {
        int holds = 0;
        int fails = 0;
        for (Verdict v : parts) {
            holds += v == HOLDS ? 1 : 0;
            fails += v == DOES_NOT_HOLD ? 1 : 0;
        }
        if (holds + fails == 0) {
            return NOT_MEASURED;
        }
        return fails == 0 ? HOLDS : holds == 0 ? DOES_NOT_HOLD : PARTLY;
    }
}
