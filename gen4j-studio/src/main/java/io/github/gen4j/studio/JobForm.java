package io.github.gen4j.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON object of a job request, read field by field: every value is type- and range-checked, and a field
 * the kind of job does not take (a typo, or an attempt to pass something the form does not offer) is refused.
 * Every refusal is a 400 with one line that names the field and what was expected.
 */
final class JobForm {

    /** The largest request body read. */
    static final int MAX_BODY_CHARS = 16 * 1024;
    /** JSON numbers are exact integers up to 2^53. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final JsonNode body;
    private final Set<String> read = new HashSet<>();

    private JobForm(JsonNode body) {
        this.body = body;
    }

    /** Parses a request body; it must be one JSON object. */
    static JobForm parse(String text) {
        if (text == null || text.isBlank()) {
            throw new StudioException(400, "the request needs a JSON object, e.g. {\"kind\": \"train\", ...}");
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw new StudioException(400, "the request is too long (" + text.length() + " characters, at most "
                    + MAX_BODY_CHARS + ")");
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StudioException(400, "the request is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new StudioException(400, "the request needs a JSON object, e.g. {\"kind\": \"train\", ...}");
        }
        return new JobForm(n);
    }

    boolean has(String field) {
        JsonNode v = body.get(field);
        return v != null && !v.isNull();
    }

    /** A required string among {@code allowed}. */
    String choice(String field, Collection<String> allowed) {
        String v = string(field);
        if (v == null) {
            throw new StudioException(400, field + ": missing (expected one of " + String.join(", ", allowed) + ")");
        }
        if (!allowed.contains(v)) {
            throw new StudioException(400, field + ": expected one of " + String.join(", ", allowed) + ", got '"
                    + shorten(v) + "'");
        }
        return v;
    }

    /** An optional string among {@code allowed}, or {@code fallback}. */
    String choice(String field, Collection<String> allowed, String fallback) {
        return has(field) ? choice(field, allowed) : markRead(field, fallback);
    }

    /** An optional string, null if absent. */
    String string(String field) {
        read.add(field);
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new StudioException(400, field + ": expected a string, got " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    /** An optional whole number in [min, max], null if absent. */
    Long integer(String field, long min, long max) {
        read.add(field);
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
            throw new StudioException(400, field + ": expected a whole number in " + min + ".." + max + ", got "
                    + shorten(v.toString()));
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new StudioException(400, field + ": expected a whole number in " + min + ".." + max + ", got "
                    + shorten(v.toString()));
        }
        return v.asLong();
    }

    /** An optional boolean, {@code false} if absent. */
    boolean flag(String field) {
        read.add(field);
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new StudioException(400, field + ": expected true or false, got " + shorten(v.toString()));
        }
        return v.asBoolean();
    }

    /** An optional non-empty list of distinct strings, each among {@code allowed}; null if absent. */
    List<String> subset(String field, List<String> allowed) {
        read.add(field);
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new StudioException(400, field + ": expected a non-empty list of " + String.join(", ", allowed));
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || !allowed.contains(e.asText())) {
                throw new StudioException(400, field + ": expected a list of " + String.join(", ", allowed) + ", got "
                        + shorten(e.toString()));
            }
            if (!out.add(e.asText())) {
                throw new StudioException(400, field + ": '" + e.asText() + "' is listed twice");
            }
        }
        return new ArrayList<>(out);
    }

    /** Refuses any field not read so far: the kind of job named in the message does not take it. */
    void noOtherFields(String what) {
        for (var it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!read.contains(f)) {
                throw new StudioException(400, shorten(f) + ": not a setting of " + what);
            }
        }
    }

    /** Refuses {@code field} if present, saying why. */
    void refuse(String field, String why) {
        read.add(field);
        if (body.has(field)) {
            throw new StudioException(400, field + ": " + why);
        }
    }

    private <T> T markRead(String field, T value) {
        read.add(field);
        return value;
    }

    static String shorten(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
