package dev.mlforge.http;

import java.util.List;

/**
 * One feature of the server (tracking, registry, serving...) as the application assembles it: built from its
 * dependencies in its constructor, it hands its routes to the HTTP server, and is started once the server listens
 * and closed, in reverse order, when it stops.
 */
public interface Feature extends AutoCloseable {
    /** The feature's HTTP routes, registered in the order given. */
    List<Routes> routes();

    /** Starts background work (schedules, loading persisted state); called once, after the HTTP server started. */
    default void start() {}

    /** Stops background work and releases resources; must not throw. */
    @Override
    default void close() {}
}
