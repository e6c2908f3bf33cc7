package io.github.gen4j.studio;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * A test class's studio: started over the class's runs folder on a free port by {@link #startStudio}, with a
 * client that has opened the start URL, and closed after the class.
 */
abstract class StudioTestBase {

    static Studio studio;
    static StudioClient client;

    static void startStudio(Path runs) {
        studio = Studio.start(StudioConfig.local(runs, 0, List.of()));
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
