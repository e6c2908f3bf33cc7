package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The fields of a JSON request body, each read with its range checked: a missing field takes its default,
 * a wrong one is a 400 whose one line names the field, what was expected and what came.
 */
final class Fields {

    private final JsonNode body;

    private Fields(JsonNode body) {
        this.body = body;
    }

    /** The request's JSON object body. */
    static Fields of(Context ctx) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new StudioException(400, "the request body is not JSON: " + Json.describe(e));
        }
        if (n == null || !n.isObject()) {
            throw new StudioException(400, "the request body must be a JSON object");
        }
        return new Fields(n);
    }

    /** Fields of a JSON object (for tests and nested objects). */
    static Fields of(JsonNode object) {
        return new Fields(object);
    }

    /** True if the field is present and not null. */
    boolean has(String name) {
        return body.hasNonNull(name);
    }

    /** A string field, or {@code fallback} if missing or null. */
    String text(String name, String fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new StudioException(400, name + ": expected text, got " + shorten(v.toString()));
        }
        return v.asText();
    }

    /** A whole-number field in {@code min..max}. */
    int integer(String name, int fallback, int min, int max) {
        long v = whole(name, fallback);
        if (v < min || v > max) {
            throw new StudioException(400, name + ": expected a whole number in " + min + ".." + max + ", got " + v);
        }
        return (int) v;
    }

    /** Any whole-number field (a seed). */
    long whole(String name, long fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9e15) {
            return (long) v.asDouble();
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(v.asText().trim());
        }
        throw new StudioException(400, name + ": expected a whole number, got " + shorten(v.toString()));
    }

    /** A number field in {@code [min, max]}. */
    double number(String name, double fallback, double min, double max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new StudioException(400, name + ": expected a number, got " + shorten(v.toString()));
            }
        } else {
            throw new StudioException(400, name + ": expected a number, got " + shorten(v.toString()));
        }
        if (!(d >= min && d <= max)) {
            throw new StudioException(400, name + ": expected a number in [" + fmt(min) + ", " + fmt(max) + "], got "
                    + fmt(d));
        }
        return d;
    }

    /** A true/false field. */
    boolean flag(String name, boolean fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new StudioException(400, name + ": expected true or false, got " + shorten(v.toString()));
        }
        return v.asBoolean();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
