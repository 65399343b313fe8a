package dev.mlforge.ui;

import dev.mlforge.http.RequestIdentity;

/**
 * What the caller may do with a resource, as the access policy would decide it: the port through which the UI's lists
 * show only what the caller may read and its pages show only the actions the API would allow (filled by the
 * application from the permissions of the auth feature). The API still enforces every action: this only spares the
 * caller buttons that would answer 403. The pages of one resource are guarded at the door, as the API routes that
 * answer the same.
 */
@FunctionalInterface
public interface Visibility {
    /** The kinds of resource the UI lists and the access policy grants on. */
    enum Kind { EXPERIMENT, REGISTERED_MODEL, DEPLOYMENT, MONITOR, DATASET, PIPELINE_RUN, PIPELINE_SCHEDULE }

    /** What an action does to its resource, as the permission the API asks for it names it (MLflow's can_*). */
    enum Access { READ, UPDATE, DELETE }

    boolean permits(RequestIdentity identity, Kind kind, String id, Access access);

    default boolean mayRead(RequestIdentity identity, Kind kind, String id) {
        return permits(identity, kind, id, Access.READ);
    }

    default boolean mayReadExperiment(RequestIdentity identity, String experimentId) {
        return mayRead(identity, Kind.EXPERIMENT, experimentId);
    }

    /** Everything is visible and every action offered (no authentication). */
    static Visibility all() {
        return (identity, kind, id, access) -> true;
    }
}
