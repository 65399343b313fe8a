package dev.mlforge.workspaces;

import dev.mlforge.auth.ResourceLocator;
import dev.mlforge.auth.WorkspaceAccess;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.time.Clock;
import java.util.List;

/**
 * Workspaces assembled: the store, the service the permission checks ask for memberships ({@link #access()}), the
 * scope every request passes before the access policy ({@link #scope(AccessPolicy)}), and MLflow's workspace routes.
 */
public final class Workspaces implements Feature {
    private final WorkspaceService service;
    private final WorkspaceResources resources;
    private final WorkspaceContext context;

    public Workspaces(Database database, ResourceLocator locator, Clock clock) {
        this.context = database.workspace();
        this.service = new WorkspaceService(new JdbiWorkspaceStore(database), context, clock);
        this.resources = new WorkspaceResources(locator);
    }

    /** The permission a user holds through a resource's workspace, for the permission checks. */
    public WorkspaceAccess access() {
        return service;
    }

    public WorkspaceService service() {
        return service;
    }

    /** {@code policy} behind the workspace of each request: membership, isolation, scoped lists, placement of new resources. */
    public AccessPolicy scope(AccessPolicy policy) {
        return new WorkspaceScope(service, resources, context, policy);
    }

    @Override
    public List<Routes> routes() {
        return List.of(new WorkspaceRoutes(service));
    }
}
