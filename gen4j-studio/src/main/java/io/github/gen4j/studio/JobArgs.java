package io.github.gen4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gen4j.compare.ComparisonFolder;
import io.github.gen4j.family.FamilyRegistry;
import io.github.gen4j.gan.GanPreset;
import io.github.gen4j.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a job request into the gen4j CLI's argument list. The list is built here, option by option, from
 * fields that {@link JobForm} checked: a family from the registry, numbers in range, a preset and a data
 * source by name, folders resolved inside {@code --runs}. Nothing the browser sends is passed on as a string
 * the CLI would read as an option or a path, and the list runs without a shell.
 *
 * <p>Requests ({@code kind} picks the rest):
 * <ul>
 *   <li>{@code train}: {@code family} (required), {@code size} (default or tiny), {@code steps},
 *       {@code budget} (seconds), {@code seed}, {@code batch}, {@code preset} (GAN only), {@code data},
 *       {@code limit}</li>
 *   <li>{@code compare}: {@code demo: true} alone, or {@code families}, {@code seeds} (per family),
 *       {@code budget}, {@code steps}, {@code size}, {@code data}, {@code limit}, {@code seed}</li>
 *   <li>{@code resume}: {@code run} (a stopped run's id) or {@code comparison} (a comparison's id), and for a
 *       run {@code steps} and {@code budget}, the new totals</li>
 * </ul>
 */
final class JobArgs {

    static final long MAX_STEPS = 10_000_000;
    /** A week. */
    static final long MAX_BUDGET_SECONDS = 7 * 24 * 3600;
    static final long MAX_BATCH = 4096;
    static final long MAX_LIMIT = 10_000_000;
    static final long MAX_SEEDS = 5;
    static final List<String> KINDS = List.of("train", "compare", "resume");
    static final List<String> SIZES = List.of("default", "tiny");

    /**
     * A job ready to run.
     *
     * @param kind train, compare or resume
     * @param args the CLI's arguments (after the command that starts the CLI)
     * @param run the id of the run it continues (resume), else null
     * @param comparison the id of the comparison it continues (resume), else null
     */
    record Spec(String kind, List<String> args, String run, String comparison) {}

    private final RunIndex index;
    private final DataChoices data;

    JobArgs(RunIndex index, DataChoices data) {
        this.index = index;
        this.data = data;
    }

    DataChoices data() {
        return data;
    }

    /** The job a request body asks for. */
    Spec parse(String body) {
        JobForm f = JobForm.parse(body);
        String kind = f.choice("kind", KINDS);
        return switch (kind) {
            case "train" -> train(f);
            case "compare" -> compare(f);
            default -> resume(f);
        };
    }

    private Spec train(JobForm f) {
        String family = f.choice("family", FamilyRegistry.names());
        String size = f.choice("size", SIZES, "default");
        List<String> a = new ArrayList<>(List.of("train", family));
        length(f, a);
        Long seed = f.integer("seed", 0, JobForm.MAX_SAFE_INTEGER);
        if (seed != null) {
            a.addAll(List.of("--seed", Long.toString(seed)));
        }
        Long batch = f.integer("batch", 1, MAX_BATCH);
        if (batch != null) {
            a.addAll(List.of("--batch-size", Long.toString(batch)));
        }
        if (family.equals("gan")) {
            String preset = f.choice("preset", presets(), GanPreset.DEFAULT.cliName());
            a.addAll(List.of("--preset", preset));
        } else {
            f.refuse("preset", "only the GAN has presets (" + String.join(", ", presets()) + ")");
        }
        DataChoices.Choice d = dataAndLimit(f, a);
        if (size.equals("tiny")) {
            a.addAll(tiny(family, d));
        }
        f.noOtherFields("a training");
        a.addAll(List.of("--out", index.ids().root().toString()));
        return new Spec("train", a, null, null);
    }

    private Spec compare(JobForm f) {
        List<String> a = new ArrayList<>(List.of("compare"));
        if (f.flag("demo")) {
            // the CLI's demonstration is what `gen4j compare` does given only --out
            f.noOtherFields("the demonstration (it has fixed settings)");
        } else {
            List<String> fams = f.subset("families", FamilyRegistry.names());
            // always name the families: `compare` given only --out would run the demonstration instead
            a.addAll(List.of("--families", String.join(",", fams != null ? fams : FamilyRegistry.names())));
            Long seeds = f.integer("seeds", 1, MAX_SEEDS);
            a.addAll(List.of("--seeds", Long.toString(seeds != null ? seeds : 1)));
            length(f, a);
            String size = f.choice("size", SIZES, "default");
            a.addAll(List.of("--models", size));
            Long seed = f.integer("seed", 0, JobForm.MAX_SAFE_INTEGER);
            if (seed != null) {
                a.addAll(List.of("--seed", Long.toString(seed)));
            }
            dataAndLimit(f, a);
            f.noOtherFields("a comparison");
        }
        a.addAll(List.of("--out", index.ids().root().toString()));
        return new Spec("compare", a, null, null);
    }

    private Spec resume(JobForm f) {
        String run = f.string("run");
        String cmp = f.string("comparison");
        if ((run == null) == (cmp == null)) {
            throw new StudioException(400, "run: name either the run or the comparison to resume");
        }
        if (cmp != null) {
            Path dir = index.ids().resolve(cmp);
            if (!Files.isRegularFile(dir.resolve(ComparisonFolder.SETTINGS_FILE))) {
                throw new StudioException(404, "comparison: '" + cmp
                        + "' is not a comparison folder (no settings.json)");
            }
            f.noOtherFields("resuming a comparison");
            return new Spec("resume", List.of("compare", "--resume", dir.toString()), null, index.ids().idOf(dir));
        }
        Path dir = index.ids().resolve(run);
        RunIndex.RunSummary s = runToResume(dir, run);
        List<String> a = new ArrayList<>(List.of("train", s.family(), "--resume", dir.toString()));
        length(f, a);
        f.noOtherFields("resuming a run");
        // `train --resume` does not remember --limit: without it the run would go on with all the images
        int limit = savedLimit(dir);
        if (limit > 0) {
            a.addAll(List.of("--limit", Integer.toString(limit)));
        }
        return new Spec("resume", a, s.id(), null);
    }

    /** The summary of a run that can be resumed: a registered family, not training, outside a comparison. */
    private RunIndex.RunSummary runToResume(Path dir, String id) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new StudioException(404, "run: '" + id + "' is not a run folder (no config.json)");
        }
        RunIndex.RunSummary s = index.summary(dir);
        if (!FamilyRegistry.names().contains(s.family())) {
            throw new StudioException(409, "run: '" + id + "' is a " + s.family()
                    + " run, which the studio does not train");
        }
        if (s.comparison() != null) {
            throw new StudioException(409, "run: '" + id + "' belongs to the comparison " + s.comparison()
                    + ": resume the comparison instead");
        }
        if (s.status().equals("training")) {
            throw new StudioException(409, "run: '" + id + "' is training");
        }
        if (index.checkpoints(dir).isEmpty()) {
            throw new StudioException(409, "run: '" + id + "' has no checkpoint to resume from");
        }
        return s;
    }

    /** The --limit a run was started with (its config's training size), or 0 when it trained on all images. */
    private static int savedLimit(Path dir) {
        try {
            JsonNode data = Json.MAPPER.readTree(dir.resolve("config.json").toFile()).path("data");
            return data.path("description").asText().contains("(--limit)") ? data.path("trainSize").asInt(0) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code steps} and {@code budget} (seconds): either, both (whichever ends first) or neither. */
    private static void length(JobForm f, List<String> a) {
        Long steps = f.integer("steps", 1, MAX_STEPS);
        if (steps != null) {
            a.addAll(List.of("--steps", Long.toString(steps)));
        }
        Long budget = f.integer("budget", 1, MAX_BUDGET_SECONDS);
        if (budget != null) {
            a.addAll(List.of("--budget", budget + "s"));
        }
    }

    private DataChoices.Choice dataAndLimit(JobForm f, List<String> a) {
        DataChoices.Choice d = f.has("data") ? data.get(f.string("data")) : data.all().get(0);
        a.addAll(List.of("--data", d.option()));
        Long limit = f.integer("limit", 0, MAX_LIMIT);
        if (limit != null && limit > 0) {
            a.addAll(List.of("--limit", Long.toString(limit)));
        }
        return d;
    }

    /**
     * The options that make {@code family}'s model the tiny one of {@code gen4j compare --models tiny} (the core's
     * {@code FamilyRecipe.Scale.TINY}): seconds per run, for trying the studio out.
     */
    static List<String> tiny(String family, DataChoices.Choice d) {
        return switch (family) {
            case "vae" -> List.of("--widths", "8,16", "--hidden", "64", "--latent", "8");
            case "gan" -> {
                if (d.imageSize() != 28) {
                    throw new StudioException(400, "size: the tiny GAN is defined for 28x28 images; data '" + d.name()
                            + "' may have another size (choose size default)");
                }
                yield List.of("--g-widths", "8,8,8", "--d-widths", "8,8", "--latent", "16");
            }
            case "diffusion" -> List.of("--widths", "8,16,16", "--timesteps", "100");
            case "flow" -> List.of("--flow-steps", "2", "--hidden", "16");
            case "vaegan" -> List.of("--widths", "8,16", "--hidden", "64", "--latent", "8", "--d-widths", "8,16");
            default -> throw new StudioException(400, "size: no tiny model for family " + family);
        };
    }

    static List<String> presets() {
        return Arrays.stream(GanPreset.values()).map(GanPreset::cliName).toList();
    }

    /** What the form needs: the choices and the limits. */
    Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kinds", KINDS);
        o.put("families", FamilyRegistry.names());
        o.put("sizes", SIZES);
        o.put("presets", Map.of("gan", presets()));
        o.put("defaultPreset", Map.of("gan", GanPreset.DEFAULT.cliName()));
        o.put("data", data.all().stream().map(c -> Map.of("name", c.name(), "description", c.description())).toList());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("steps", range(1, MAX_STEPS));
        limits.put("budget", range(1, MAX_BUDGET_SECONDS));
        limits.put("seed", range(0, JobForm.MAX_SAFE_INTEGER));
        limits.put("batch", range(1, MAX_BATCH));
        limits.put("limit", range(0, MAX_LIMIT));
        limits.put("seeds", range(1, MAX_SEEDS));
        o.put("limits", limits);
        return o;
    }

    private static Map<String, Long> range(long min, long max) {
        return Map.of("min", min, "max", max);
    }
}
