package dev.mlforge.ui;

import dev.mlforge.http.RequestIdentity;

/**
 * Whether the caller may see a resource in a list: the port through which the UI's lists show only what the access
 * policy lets the caller read (filled by the application from the permissions of the auth feature). The pages of one
 * resource are guarded at the door, as the API routes that answer the same.
 */
@FunctionalInterface
public interface Visibility {
    /** The kinds of resource the UI lists and the access policy grants on. */
    enum Kind { EXPERIMENT, REGISTERED_MODEL, DEPLOYMENT, MONITOR, DATASET }

    boolean mayRead(RequestIdentity identity, Kind kind, String id);

    default boolean mayReadExperiment(RequestIdentity identity, String experimentId) {
        return mayRead(identity, Kind.EXPERIMENT, experimentId);
    }

    /** Everything is visible (no authentication). */
    static Visibility all() {
        return (identity, kind, id) -> true;
    }
}
