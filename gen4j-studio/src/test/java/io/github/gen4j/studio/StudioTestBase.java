package io.github.gen4j.studio;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * A test class's studio: started on a free port by {@link #startStudio}, with a client that has opened the
 * start URL, and closed after the class.
 */
abstract class StudioTestBase {

    static Studio studio;
    static StudioClient client;

    /** Starts a studio over {@code runs}, without jobs. */
    static void startStudio(Path runs) {
        startStudio(StudioConfig.local(runs, 0, List.of()));
    }

    /** Starts a studio with {@code config}, replacing one the class has started before. */
    static void startStudio(StudioConfig config) {
        closeStudio();
        studio = Studio.start(config);
        client = StudioClient.signedIn(studio);
    }

    @AfterAll
    static void closeStudio() {
        if (studio != null) {
            studio.close();
            studio = null;
            client = null;
        }
    }
}
