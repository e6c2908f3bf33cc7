package io.github.gen4j.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gen4j.io.Json;
import io.github.gen4j.testing.Fuzz;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes a run's config.json ({@link RunDir#readConfig}, with {@link RunConfigCheck}) and the comparison with a
 * checkpoint's saved config ({@link RunConfigCheck#againstCheckpoint}): fields removed, retyped or set to
 * extreme values, and the text itself edited. Reading ends in a config that training can use, or in a
 * one-line {@link CheckpointException} naming the file; never in another exception.
 */
class RunConfigFuzzTest {

    private static Path dir;
    private static RunDir run;
    private static JsonNode valid;

    @BeforeContainer
    static void createRun() {
        dir = Fuzz.tempDir("gen4j-config-fuzz");
        run = new RunDir(dir);
        valid = Json.tree(RunConfigCheckTest.config());
    }

    @AfterContainer
    static void deleteDir() {
        Fuzz.deleteTreeQuietly(dir);
    }

    /** One edit of the config's tree: the field or element at a path (by index among all) replaced or removed. */
    record Edit(int path, String action, JsonNode value) {
        @Override
        public String toString() {
            int depth = 0;
            for (JsonNode n = value; n != null && n.isContainerNode() && n.size() > 0; n = n.elements().next()) {
                depth++;
            }
            String v = value == null ? "" : depth > 3 ? " (a value nested " + depth + " deep)" : " " + value;
            return "Edit[path #" + path + ", " + action + v + "]";
        }
    }

    /** Every container and key (or index) below the root, in document order. */
    private static List<Object[]> paths(JsonNode root) {
        List<Object[]> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<Object[]> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                out.add(new Object[] {node, k});
                collect(node.get(k), out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Object[] {node, i});
                collect(node.get(i), out);
            }
        }
    }

    private static JsonNode applyEdits(List<Edit> edits) {
        JsonNode root = valid.deepCopy();
        for (Edit e : edits) {
            List<Object[]> paths = paths(root);
            if (paths.isEmpty()) {
                break;
            }
            Object[] p = paths.get(e.path() % paths.size());
            ContainerNode<?> parent = (ContainerNode<?>) p[0];
            if (parent instanceof ObjectNode o) {
                String key = (String) p[1];
                if (e.action().equals("remove")) {
                    o.remove(key);
                } else {
                    o.set(key, e.value().deepCopy()); // a copy: a later edit may land inside it
                }
            } else {
                ArrayNode a = (ArrayNode) parent;
                int i = (Integer) p[1];
                if (e.action().equals("remove")) {
                    a.remove(i);
                } else {
                    a.set(i, e.value().deepCopy());
                }
            }
        }
        return root;
    }

    /** Values a field may be set to: other types, extremes, numbers in strings, deep nesting. */
    static Arbitrary<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> numbers = Arbitraries.of(0, -1, 1, 2, 3, 28, Integer.MAX_VALUE, Integer.MIN_VALUE)
                .map(i -> (JsonNode) f.numberNode(i));
        Arbitrary<JsonNode> extremes = Arbitraries.of(
                f.numberNode(Long.MAX_VALUE), f.numberNode(Long.MIN_VALUE),
                f.numberNode(new BigInteger("123456789012345678901234567890")), f.numberNode(1e308),
                f.numberNode(-1e308), f.numberNode(4.9e-324), f.numberNode(0.5), f.numberNode(-0.0),
                f.numberNode(new BigDecimal("1e400")), f.numberNode(1e19), f.numberNode(2.5e9));
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999", "0x10", "", " ", "vae", "STOP", "ROLLBACK",
                        "rollback", "true", "12", "-5", "null"),
                Arbitraries.strings().ofMaxLength(8)).map(s -> (JsonNode) f.textNode(s));
        Arbitrary<JsonNode> others = Arbitraries.of(f.booleanNode(true), f.booleanNode(false), f.nullNode(),
                f.arrayNode(), f.objectNode(), f.arrayNode().add(1).add("x"), f.objectNode().put("a", 1));
        // Up to the writer's nesting limit on their own (edits landing inside one another can go past it);
        // deeperThanTheParserAllows goes past the reader's limit on purpose.
        Arbitrary<JsonNode> deep = Arbitraries.integers().between(1, 990).map(depth -> {
            JsonNode n = f.numberNode(1);
            for (int i = 0; i < depth; i++) {
                n = f.arrayNode().add(n);
            }
            return n;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, numbers), net.jqwik.api.Tuple.of(3, extremes),
                net.jqwik.api.Tuple.of(3, strings), net.jqwik.api.Tuple.of(2, others),
                net.jqwik.api.Tuple.of(1, deep));
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 200),
                        Arbitraries.of("remove", "set", "set"), values())
                .as((path, action, value) -> new Edit(path, action, action.equals("remove") ? null : value));
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Checks a config that was read: what training and resuming rely on holds. */
    private static void checkUsable(RunConfig c) {
        if (c == null) {
            return;
        }
        assertFalse(c.family() == null || c.family().isBlank());
        assertTrue(c.model() != null && c.model().isObject());
        assertTrue(c.data().channels() > 0 && c.data().height() > 0 && c.data().width() > 0);
        TrainConfig t = c.train();
        assertTrue(t.batchSize() >= 1 && t.lr() > 0 && Double.isFinite(t.lr()), t.toString());
        assertTrue(t.steps() > 0 || t.budgetSeconds() > 0 && Double.isFinite(t.budgetSeconds()),
                "the run ends: " + t);
        for (double progress : new double[] {0, 0.5, 1}) {
            double f = t.lrFactor(t.warmupSteps() + 1L, progress);
            assertTrue(Double.isFinite(f) && f >= 0 && f <= 1, "learning-rate factor " + f + " of " + t);
        }
    }

    private static RunConfig read(byte[] text) {
        Fuzz.write(run.configFile(), text);
        RunConfig c = Fuzz.outcome(run.configFile(), CheckpointException.class, run::readConfig);
        checkUsable(c);
        return c;
    }

    @Property(tries = 250)
    void editedFields(@ForAll("edits") List<Edit> edits) throws Exception {
        read(UNLIMITED_WRITER.writeValueAsBytes(applyEdits(edits)));
    }

    /**
     * Pretty-prints any depth: a deep value that a later edit lands inside can nest past Jackson's writer
     * limit of 1,000 (seen in CI), and the reader must then refuse it with its one-line error.
     */
    private static final ObjectWriter UNLIMITED_WRITER = new ObjectMapper(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build()).writerWithDefaultPrettyPrinter();

    /** Every field of 'train' and 'data' set to every special number: all combinations, not a sample. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void everyNumericFieldAtEveryExtreme(@ForAll("numericFields") String field, @ForAll("specials") String value) {
        String[] path = field.split("\\.");
        ObjectNode root = (ObjectNode) valid.deepCopy();
        ((ObjectNode) root.get(path[0])).set(path[1], Json.MAPPER.getNodeFactory().textNode(value));
        String quoted = root.toString();
        read(quoted.getBytes(StandardCharsets.UTF_8)); // as a string, which Jackson coerces to a number
        String bare = quoted.replace("\"" + path[1] + "\":\"" + value + "\"", "\"" + path[1] + "\":" + value);
        read(bare.getBytes(StandardCharsets.UTF_8)); // as a bare number (not JSON for NaN and the infinities)
    }

    @Provide
    Arbitrary<String> numericFields() {
        List<String> fields = new ArrayList<>();
        for (String section : List.of("train", "data")) {
            valid.get(section).fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    fields.add(section + "." + e.getKey());
                }
            });
        }
        return Arbitraries.of(fields);
    }

    @Provide
    Arbitrary<String> specials() {
        return Arbitraries.of("NaN", "Infinity", "-Infinity", "-1", "0", "-0.0", "1e308", "1e400", "4.9e-324",
                "9223372036854775808", "2147483648", "0.5");
    }

    @Property(tries = 200)
    void editedText(@ForAll("textEdits") List<Fuzz.Mutation> edits) {
        read(Fuzz.apply(edits, valid.toPrettyString().getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<List<Fuzz.Mutation>> textEdits() {
        return Fuzz.mutations(Integer.MAX_VALUE); // anywhere in the text
    }

    /** A field's value nested deeper than Jackson's parser allows (1,000 levels), in arrays or objects. */
    @Property(tries = 20)
    void deeperThanTheParserAllows(@ForAll("depths") int depth, @ForAll boolean objects,
            @ForAll("fields") String field) {
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String text = valid.toString().replaceFirst("\"" + field + "\":(\\{[^}]*\\}|[^,}]*)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + nested));
        assertTrue(text.contains(nested), field);
        read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(900, 20_000);
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("lr", "model", "family", "classNames", "channels");
    }

    @Property(tries = 100)
    void randomBytes(@ForAll("bytes") byte[] bytes) {
        read(bytes);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(Fuzz.bytes(64), Arbitraries.strings().ofMaxLength(64)
                .map((Function<String, byte[]>) s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A checkpoint's saved config, edited, against the intact config.json: the changes, or a refusal. */
    @Property(tries = 200)
    void againstAnEditedSavedConfig(@ForAll("edits") List<Edit> edits) {
        Path cfg = run.configFile();
        Path ckpt = dir.resolve("step-00000004.ckpt");
        List<String> changes = Fuzz.outcome(cfg, CheckpointException.class,
                () -> RunConfigCheck.againstCheckpoint(RunConfigCheckTest.config(), applyEdits(edits), cfg, ckpt));
        if (changes != null) {
            for (String line : changes) {
                assertTrue(line.startsWith("train.") || line.startsWith("data.") || line.startsWith("gen4jVersion"),
                        "only the length, cadences and data location may change: " + line);
            }
        }
    }
}
