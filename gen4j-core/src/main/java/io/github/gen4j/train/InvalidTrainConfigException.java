package io.github.gen4j.train;

import java.util.List;

/**
 * A {@link TrainConfig} value outside its range. The message names the fields ("steps must be >= 0, got -1");
 * {@link #fields()} and {@link #rule()} let a front end say the same with its own names (the CLI's flags).
 */
public final class InvalidTrainConfigException extends IllegalArgumentException {

    private final List<String> fields;
    private final String rule;

    /**
     * @param fields the {@link TrainConfig} components the rule is about
     * @param rule what they must satisfy, e.g. "must be >= 0"
     * @param value the offending value, or {@code null} when the rule is about several fields
     */
    InvalidTrainConfigException(List<String> fields, String rule, Object value) {
        super(String.join(" and ", fields) + " " + rule + (value == null ? "" : ", got " + value));
        this.fields = List.copyOf(fields);
        this.rule = rule;
    }

    /** The {@link TrainConfig} component names the rule is about. */
    public List<String> fields() {
        return fields;
    }

    /** What the fields must satisfy, without the field names, e.g. "must be >= 0". */
    public String rule() {
        return rule;
    }
}
