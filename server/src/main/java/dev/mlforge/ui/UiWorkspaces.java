package dev.mlforge.ui;

import dev.mlforge.http.RequestIdentity;
import java.util.List;

/**
 * The port through which the UI learns the workspaces a caller may pick and what lives in each (filled by the
 * application from the workspaces feature): the picker offers only the caller's workspaces, and the lists show only
 * the chosen workspace's items. The API still scopes every call its scripts make, by the header {@code app.js} sends.
 */
public interface UiWorkspaces {
    /** The workspaces {@code identity} may work in, {@code default} first. */
    List<String> choices(RequestIdentity identity);

    /** True when the resource lives in {@code workspace} (or is not stored at all: the page then says so itself). */
    boolean holds(String workspace, Visibility.Kind kind, String id);

    /**
     * The page being served works in {@code workspace}: the stores this request's thread reads and writes look names
     * up and search in it, as they do for an API call naming it in its header.
     */
    void enter(String workspace);

    /** No workspaces: one list of everything. */
    static UiWorkspaces none() {
        return new UiWorkspaces() {
            @Override
            public List<String> choices(RequestIdentity identity) {
                return List.of(PageKit.DEFAULT_WORKSPACE);
            }

            @Override
            public boolean holds(String workspace, Visibility.Kind kind, String id) {
                return true;
            }

            @Override
            public void enter(String workspace) {
                // one workspace: nothing to choose
            }
        };
    }
}
