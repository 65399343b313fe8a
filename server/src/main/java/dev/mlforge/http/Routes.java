package dev.mlforge.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes: each feature package has one implementation, registered in the application's wiring. */
public interface Routes {
    void addTo(RoutesConfig routes);
}
