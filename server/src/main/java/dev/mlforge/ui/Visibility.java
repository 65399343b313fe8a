package dev.mlforge.ui;

import dev.mlforge.http.RequestIdentity;

/**
 * Whether the caller may see an experiment in a list: the port through which the UI's lists show only what the
 * access policy lets the caller read (filled by the application from the permissions of the auth feature).
 */
@FunctionalInterface
public interface Visibility {
    boolean mayReadExperiment(RequestIdentity identity, String experimentId);

    /** Everything is visible (no authentication). */
    static Visibility all() {
        return (identity, experimentId) -> true;
    }
}
