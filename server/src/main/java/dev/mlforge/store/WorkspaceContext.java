package dev.mlforge.store;

import java.util.function.Supplier;

/**
 * The workspace the current thread's unit of work acts in: the stores look names up (an experiment name, a registered
 * model name) and put what they create within it, because names are unique per workspace, as in MLflow 3.10. The
 * request's workspace scope binds it before the route runs; background work that acts for a resource binds the
 * resource's workspace with {@link #in}. Unbound, it is {@value #DEFAULT}.
 */
public final class WorkspaceContext {
    /** The workspace of requests that name none, and of every resource from before workspaces. */
    public static final String DEFAULT = "default";

    private final ThreadLocal<String> current = new ThreadLocal<>();

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
    }

    public void clear() {
        current.remove();
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
