package io.github.gen4j.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations such as {@code 90s}, {@code 10m}, {@code 1h30m} or a plain number of seconds. */
final class Durations implements CommandLine.ITypeConverter<Double> {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)([hms])");

    @Override
    public Double convert(String value) {
        return parse(value);
    }

    static double parse(String value) {
        String v = value.trim().toLowerCase();
        if (v.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(v);
        }
        Matcher m = PART.matcher(v);
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = m.end();
        }
        if (end != v.length() || end == 0) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (expected e.g. 90s, 10m, 1h30m or seconds)");
        }
        return total;
    }
}
