package io.github.gen4j.studio;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that talk to a studio over {@link TinyRuns#modelRuns}. */
abstract class TinyRunsStudio extends StudioTestBase {

    @BeforeAll
    static void startOverModelRuns() {
        startStudio(TinyRuns.modelRuns());
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
}
