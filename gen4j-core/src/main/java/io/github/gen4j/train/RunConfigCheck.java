package io.github.gen4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks of a run's {@code config.json}, which users can edit: the fields every run needs, data dimensions
 * that agree with the model's, and, when a run resumes, agreement with the config its checkpoint was
 * trained with. Each failure names the file and the field.
 */
final class RunConfigCheck {

    /**
     * Training fields that may differ between config.json and a checkpoint: the run's length (what
     * {@code --steps} / {@code --budget} change on resume) and the cadence of logging, sampling, evaluation and
     * checkpoints. Any other difference would make the resumed run differ from an uninterrupted one.
     */
    static final Set<String> MAY_CHANGE = Set.of("steps", "budgetSeconds", "logEvery", "sampleEvery", "evalEvery",
            "checkpointEvery", "checkpointSeconds", "keepCheckpoints", "nanPolicy", "maxRollbacks");

    /** Data fields a resumed model cannot do without: the image shape its layers were built for. */
    private static final Set<String> DATA_SHAPE = Set.of("data.channels", "data.height", "data.width");

    private RunConfigCheck() {}

    /** The fields every run needs, and data dimensions that agree with the model's channels and image size. */
    static void require(RunConfig c, Path file) {
        if (c.family() == null || c.family().isBlank()) {
            throw missing(file, "family", "the model family, e.g. \"vae\"");
        }
        if (c.model() == null || !c.model().isObject()) {
            throw missing(file, "model", "the family's model config, an object");
        }
        if (c.train() == null) {
            throw missing(file, "train", "the training config, an object");
        }
        RunConfig.DataInfo d = c.data();
        if (d == null) {
            throw missing(file, "data", "what the model was trained on, an object");
        }
        if (d.channels() <= 0 || d.height() <= 0 || d.width() <= 0) {
            throw new CheckpointException(file + ": field 'data': channels, height and width must be > 0, got "
                    + d.channels() + "x" + d.height() + "x" + d.width());
        }
        JsonNode ch = c.model().get("channels");
        JsonNode size = c.model().get("imageSize");
        if (ch != null && ch.asInt() != d.channels() || size != null
                && (size.asInt() != d.height() || size.asInt() != d.width())) {
            throw new CheckpointException(file + ": field 'data' says " + d.channels() + "x" + d.height() + "x"
                    + d.width() + " images but 'model' was built for " + (ch == null ? "?" : ch.asInt()) + "x"
                    + (size == null ? "?" : size.asInt() + "x" + size.asInt()) + "; the two disagree (restore them)");
        }
    }

    private static CheckpointException missing(Path file, String field, String what) {
        return new CheckpointException(file + ": missing field '" + field + "' (" + what + ")");
    }

    /**
     * Compares config.json ({@code current}) with the config saved in the checkpoint being resumed. Family,
     * model, image shape and every training field outside {@link #MAY_CHANGE} must be equal (else a
     * {@link CheckpointException} names them); the changes that are allowed (the length, cadences, where the
     * data comes from) are returned as lines to tell the user, e.g. "train.steps: 1000 -> 2000".
     */
    static List<String> againstCheckpoint(RunConfig current, JsonNode saved, Path configFile, Path checkpoint) {
        if (saved == null || saved.isMissingNode() || saved.isNull()) {
            return List.of(); // a checkpoint without a saved config (older files): nothing to compare
        }
        Map<String, String> now = flatten(Json.tree(current));
        Map<String, String> then = flatten(saved);
        List<String> refused = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Set<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(then.keySet());
        for (String k : keys) {
            String a = then.get(k);
            String b = now.get(k);
            if (a == null ? b == null : a.equals(b)) {
                continue;
            }
            String leaf = k.substring(k.lastIndexOf('.') + 1);
            boolean free = k.equals("gen4jVersion") || k.startsWith("train.") && MAY_CHANGE.contains(leaf)
                    || k.startsWith("data.") && !DATA_SHAPE.contains(k); // --data may point elsewhere on resume
            (free ? changed : refused).add(k + ": " + a + " -> " + b);
        }
        if (!refused.isEmpty()) {
            throw new CheckpointException(configFile + ": differs from the config that " + checkpoint.getFileName()
                    + " was trained with, in " + String.join(", ", refused) + "; an exact resume needs the"
                    + " checkpoint's values (restore them; --steps and --budget change the length)");
        }
        return changed;
    }

    /** Leaf values by dotted path ("train.batchSize" -> "128"; array elements as "a.0"). */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "." + i, node.get(i), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }
}
