package io.github.gen4j.studio;

import io.github.gen4j.data.DatasetLocator;
import io.github.gen4j.data.FashionMnist;
import io.github.gen4j.data.TrainingData;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training data a job started from the studio may use: a short list made on the server, chosen by name.
 * A request never carries a path: the embedded Fashion-MNIST split (always), the Debian package's
 * Fashion-MNIST (when installed) and the folder named by {@code GEN4J_DATA} in the studio's environment (when
 * set and present).
 */
final class DataChoices {

    /**
     * One choice.
     *
     * @param name what the form sends
     * @param description what the form shows
     * @param option the value of the CLI's {@code --data}
     * @param imageSize the images' size when known (28 for Fashion-MNIST), else 0
     */
    record Choice(String name, String description, String option, int imageSize) {}

    private final List<Choice> choices;

    DataChoices(List<Choice> choices) {
        this.choices = List.copyOf(choices);
    }

    /** The choices on this machine, from {@code env} (the studio's environment). */
    static DataChoices of(Map<String, String> env) {
        return of(env, FashionMnist.SYSTEM_DIR);
    }

    /** As {@link #of(Map)}, with {@code systemDir} in place of the Debian package's folder (tests). */
    static DataChoices of(Map<String, String> env, Path systemDir) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice(TrainingData.EMBEDDED, "Fashion-MNIST test split embedded in gen4j (9,000 training images)",
                TrainingData.EMBEDDED, 28));
        if (systemDir != null && FashionMnist.hasTrainFiles(systemDir)) {
            out.add(new Choice("fashion-mnist", "Fashion-MNIST from " + systemDir + " (60,000 training images)",
                    systemDir.toAbsolutePath().toString(), 28));
        }
        String env0 = env.get(DatasetLocator.ENV_VAR);
        if (env0 != null && !env0.isBlank() && exists(env0)) {
            out.add(new Choice(DatasetLocator.ENV_VAR, DatasetLocator.ENV_VAR + " = " + env0,
                    Path.of(env0).toAbsolutePath().toString(), FashionMnist.hasTrainFiles(Path.of(env0)) ? 28 : 0));
        }
        return new DataChoices(out);
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    List<Choice> all() {
        return choices;
    }

    List<String> names() {
        return choices.stream().map(Choice::name).toList();
    }

    /** The choice named {@code name}; a 400 naming the field and the choices otherwise. */
    Choice get(String name) {
        return choices.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new StudioException(
                400, "data: expected one of " + String.join(", ", names()) + ", got '" + JobForm.shorten(name) + "'"));
    }
}
