package io.github.gen4j.studio;

import io.javalin.config.RoutesConfig;

/** One feature's routes (runs, live events, sampling, jobs, ...), registered when the studio starts. */
interface StudioRoutes {

    void addTo(RoutesConfig routes);
}
