package dev.mlforge.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.auth.Permission;
import dev.mlforge.auth.ResourceKind;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.AccessRequest;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.store.WorkspaceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The workspace of every request, before the access policy it wraps: MLflow's {@code X-MLFLOW-WORKSPACE} header names
 * it ({@code default} when absent or empty). An authenticated user who is not a member of a workspace other than the
 * default is refused (403) there, and a member acts with the role of their membership; a resource of another workspace
 * answers 404, as if it did not exist; lists and searches keep only the workspace's items; a created resource is put
 * into the workspace. With authentication off the same scoping applies to the anonymous caller.
 */
final class WorkspaceScope implements AccessPolicy {
    /** The header MLflow's clients send ({@code mlflow.utils.workspace_utils.WORKSPACE_HEADER_NAME}). */
    static final String HEADER = "X-MLFLOW-WORKSPACE";

    /** Routes about workspaces, users and the server itself: they belong to no workspace. */
    private static final List<String> UNSCOPED = List.of("/api/3.0/mlflow/workspace", "/ajax-api/3.0/mlflow/workspace",
            "/api/3.0/mlflow/server-info", "/ajax-api/3.0/mlflow/server-info", "/api/2.0/mlflow/users/",
            "/ajax-api/2.0/mlflow/users/", "/api/v1/tokens", "/api/v1/audit", "/health", "/version", "/metrics", "/ui",
            "/v2/health");

    /**
     * The list field and item id of each list or search route whose answer may span workspaces. Experiment, registered
     * model and model version searches are not here: their stores search only the request's workspace.
     */
    private record Listing(String field, ResourceKind kind, Function<JsonNode, String> id) {}

    private static final Map<String, Listing> LISTINGS = Map.of(
            "GET /api/v1/deployments", new Listing("deployments", ResourceKind.DEPLOYMENT, item -> item.path("name").asText()),
            "GET /api/v1/monitors", new Listing("monitors", ResourceKind.MONITOR, item -> item.path("id").asText()),
            "GET /api/v1/datasets", new Listing("datasets", ResourceKind.DATASET, item -> item.path("name").asText()),
            "GET /api/v1/registry/transition-requests", new Listing("transition_requests", ResourceKind.REGISTERED_MODEL,
                    item -> item.path("name").asText()));

    private final WorkspaceService workspaces;
    private final WorkspaceResources resources;
    private final WorkspaceContext context;
    private final AccessPolicy next;

    WorkspaceScope(WorkspaceService workspaces, WorkspaceResources resources, WorkspaceContext context, AccessPolicy next) {
        this.workspaces = workspaces;
        this.resources = resources;
        this.context = context;
        this.next = next;
    }

    /** The workspace a request names: the header's, trimmed, or {@code default}. */
    static String requested(AccessRequest request) {
        String header = request.header(HEADER);
        return header == null || header.isBlank() ? WorkspaceService.DEFAULT : header.trim();
    }

    @Override
    public void check(RequestIdentity identity, AccessRequest request, Role required) {
        if (required == Role.PUBLIC || unscoped(request.route())) {
            context.clear();
            next.check(identity, request, required);
            return;
        }
        String workspace = requested(request);
        if (!workspaces.exists(workspace)) {
            context.clear();
            throw MlforgeException.notFound("Workspace '" + workspace + "' not found.");
        }
        // the stores look names up and create within it (the route runs on this thread)
        context.bind(workspace);
        RequestIdentity member = asMember(identity, workspace);
        if (!workspaces.onlyDefault()) {
            for (WorkspaceResources.Named named : resources.named(request)) {
                Optional<String> home = workspaces.workspaceOf(named.kind(), named.id());
                if (home.isPresent() && !home.get().equals(workspace)) {
                    throw new MlforgeException(ErrorCode.RESOURCE_DOES_NOT_EXIST, notFoundMessage(named));
                }
            }
            Listing listing = listing(request);
            if (listing != null) {
                request.onSuccess(body -> kept(body, listing, workspace));
            }
        }
        if (assignCreated(request, workspace) && !WorkspaceService.DEFAULT.equals(workspace) && !member.holds(Role.WRITE)) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                    + "' may not create resources in workspace '" + workspace + "': it needs EDIT or MANAGE there");
        }
        next.check(member, request, required);
    }

    /**
     * A non-admin user acts in a workspace with the role of their membership; without one they may act only in the
     * default workspace, with their own role.
     */
    private RequestIdentity asMember(RequestIdentity identity, String workspace) {
        if (!identity.authenticated() || identity.role() == Role.ADMIN) {
            return identity;
        }
        Optional<Permission> membership = workspaces.membership(workspace, identity.name());
        if (membership.isPresent()) {
            return new RequestIdentity(identity.name(), true, membership.get().role());
        }
        if (!WorkspaceService.DEFAULT.equals(workspace)) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                    + "' is not a member of workspace '" + workspace + "'");
        }
        return identity;
    }

    private static boolean unscoped(String route) {
        return route.equals("/") || UNSCOPED.stream().anyMatch(route::startsWith);
    }

    private static Listing listing(AccessRequest request) {
        String route = request.route();
        int verb = route.indexOf("/mlflow/");
        Listing listing = verb < 0 ? null : LISTINGS.get(route.substring(verb + "/mlflow/".length()));
        return listing != null ? listing : LISTINGS.get(request.method() + " " + route);
    }

    /**
     * Resources are created in the default workspace (the column's default) and moved to the request's at once.
     * True when the request creates a top-level resource.
     */
    private boolean assignCreated(AccessRequest request, String workspace) {
        String route = request.route();
        if (!request.method().equals("POST")) {
            return false;
        }
        if (route.endsWith("/mlflow/experiments/create")) {
            request.onSuccess(body -> assigned(body, ResourceKind.EXPERIMENT, tree(body).path("experiment_id").asText(null), workspace));
        } else if (route.endsWith("/mlflow/registered-models/create")) {
            request.onSuccess(body -> assigned(body, ResourceKind.REGISTERED_MODEL,
                    tree(body).path("registered_model").path("name").asText(null), workspace));
        } else if (route.equals("/api/v1/deployments")) {
            String name = request.field("name");
            request.onSuccess(body -> assigned(body, ResourceKind.DEPLOYMENT, name, workspace));
        } else if (route.equals("/api/v1/monitors")) {
            request.onSuccess(body -> assigned(body, ResourceKind.MONITOR, tree(body).path("monitor").path("id").asText(null), workspace));
        } else if (route.equals("/api/v1/datasets")) {
            String name = request.queryParam("name");
            request.onSuccess(body -> assigned(body, ResourceKind.DATASET, name, workspace));
        } else {
            return false;
        }
        return true;
    }

    private String assigned(String body, ResourceKind kind, String resource, String workspace) {
        if (resource != null) {
            workspaces.assign(kind, resource, workspace);
        }
        return body;
    }

    private String kept(String body, Listing listing, String workspace) {
        JsonNode root = tree(body);
        if (!(root instanceof ObjectNode object) || !(object.get(listing.field()) instanceof ArrayNode items)) {
            return body;
        }
        boolean changed = false;
        for (Iterator<JsonNode> iterator = items.iterator(); iterator.hasNext(); ) {
            String id = listing.id().apply(iterator.next());
            if (!workspaces.workspaceOf(listing.kind(), id).map(workspace::equals).orElse(false)) {
                iterator.remove();
                changed = true;
            }
        }
        if (!changed) {
            return body;
        }
        if (items.isEmpty()) {
            object.remove(listing.field());
        }
        try {
            return Json.mapper().writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String notFoundMessage(WorkspaceResources.Named named) {
        return switch (named.kind()) {
            case EXPERIMENT -> "No Experiment with id=" + named.id() + " exists";
            case REGISTERED_MODEL -> "Registered Model with name=" + named.id() + " not found";
            default -> named.kind().wireName().replace('_', ' ') + " '" + named.id() + "' not found";
        };
    }

    private static JsonNode tree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }
}
