package io.github.gen4j.compare;

/** The verdict on a claim, derived from this run's numbers by a stated rule. */
public enum Verdict {
    HOLDS("holds"),
    DOES_NOT_HOLD("does not hold"),
    PARTLY("partly holds"),
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
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
