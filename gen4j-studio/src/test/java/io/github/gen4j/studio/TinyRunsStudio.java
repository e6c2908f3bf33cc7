package io.github.gen4j.studio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that talk to a studio over the {@link ModelTinyRuns}: one studio per class, a signed-in client. */
abstract class TinyRunsStudio {

    static Studio studio;
    static ModelStudioClient client;

    @BeforeAll
    static void startStudio() {
        open(StudioConfig.local(ModelTinyRuns.folder(), 0, List.of()));
    }

    /** Replaces the class's studio by one with {@code config} (call from a subclass's own @BeforeAll). */
    static void open(StudioConfig config) {
        if (studio != null) {
            studio.close();
        }
        studio = Studio.start(config);
        client = new ModelStudioClient(studio);
    }

    /** A request body: the run id and field, value pairs. */
    static Map<String, Object> request(String id, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @AfterAll
    static void stopStudio() {
        studio.close();
        studio = null;
    }
}
