package dev.mlforge.store;

import java.util.function.Supplier;

/**
 * The workspace the current thread's unit of work acts in: the stores look names up (an experiment name, a registered
 * model name) and put what they create within it, because names are unique per workspace, as in MLflow 3.10. The
 * request's workspace scope binds it before the route runs; background work that acts for a resource binds the
 * resource's workspace with {@link #in}. Unbound, it is {@value #DEFAULT}.
 * <p>
 * A search may also be bound to a {@link Reader}: the user it lists for, so that the search keeps in SQL only what they
 * may read (full pages, right page tokens). Binding or clearing the workspace forgets the reader.
 */
public final class WorkspaceContext {
    /** The workspace of requests that name none, and of every resource from before workspaces. */
    public static final String DEFAULT = "default";

    /** The header MLflow's clients send to name the workspace ({@code mlflow.utils.workspace_utils.WORKSPACE_HEADER_NAME}). */
    public static final String HEADER = "X-MLFLOW-WORKSPACE";

    private final ThreadLocal<String> current = new ThreadLocal<>();
    private final ThreadLocal<Reader> reader = new ThreadLocal<>();

    /**
     * The user a search lists for: the user's grants are rows of {@code grantTable} (resource in {@code grantColumn},
     * {@code user_id}, {@code permission}); a resource without a grant of theirs is readable when
     * {@code readsUngranted} (their membership of the workspace, or the default permission, allows READ).
     */
    public record Reader(long userId, String grantTable, String grantColumn, boolean readsUngranted) {
        /** The SQL condition that the resource whose id {@code idExpression} yields (as text) is readable. */
        public String readable(String idExpression) {
            String grant = "SELECT 1 FROM " + grantTable + " reader_grant WHERE reader_grant." + grantColumn + " = "
                    + idExpression + " AND reader_grant.user_id = " + userId + " AND reader_grant.permission ";
            return readsUngranted ? "NOT EXISTS (" + grant + "= 'NO_PERMISSIONS')" : "EXISTS (" + grant + "<> 'NO_PERMISSIONS')";
        }
    }

    /** The workspace bound to this thread, or {@value #DEFAULT}. */
    public String current() {
        String workspace = current.get();
        return workspace == null ? DEFAULT : workspace;
    }

    /**
     * Binds {@code workspace} to this thread until the next bind or {@link #clear()}. A request thread serves one
     * request after another, so the request door binds (or clears) on every request.
     */
    public void bind(String workspace) {
        current.set(workspace);
        reader.remove();
    }

    public void clear() {
        current.remove();
        reader.remove();
    }

    /** The searches of this request list only what {@code who} may read, until the next bind or clear. */
    public void bindReader(Reader who) {
        reader.set(who);
    }

    /**
     * {@code " AND <condition>"} keeping only the rows whose resource id {@code idExpression} the bound reader may
     * read, or nothing when no reader is bound (an administrator, authentication off, work without a request).
     */
    public String andReadable(String idExpression) {
        Reader who = reader.get();
        return who == null ? "" : " AND " + who.readable(idExpression);
    }

    /** Runs {@code work} with {@code workspace} bound, then restores what was bound before. */
    public <T> T in(String workspace, Supplier<T> work) {
        String previous = current.get();
        current.set(workspace);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
