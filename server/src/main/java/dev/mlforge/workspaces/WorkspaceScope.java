package dev.mlforge.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.auth.Permission;
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
    /** Routes about workspaces, users and the server itself: they belong to no workspace. */
    private static final List<String> UNSCOPED = List.of("/api/3.0/mlflow/workspace", "/ajax-api/3.0/mlflow/workspace",
            "/api/3.0/mlflow/server-info", "/ajax-api/3.0/mlflow/server-info", "/api/2.0/mlflow/users/",
            "/ajax-api/2.0/mlflow/users/", "/api/v1/tokens", "/api/v1/audit", "/health", "/version", "/metrics", "/ui",
            "/v2/health");

    /**
     * The list field and item id of each list or search route whose answer may span workspaces. Experiment, registered
     * model and model version searches are not here: their stores search only the request's workspace.
     */
    private record Listing(String field, Scoped kind, Function<JsonNode, String> id) {}

    private static final Map<String, Listing> LISTINGS = Map.ofEntries(
            Map.entry("GET /api/v1/deployments", new Listing("deployments", Scoped.DEPLOYMENT, WorkspaceScope::name)),
            Map.entry("GET /api/v1/monitors", new Listing("monitors", Scoped.MONITOR, WorkspaceScope::id)),
            Map.entry("GET /api/v1/datasets", new Listing("datasets", Scoped.DATASET, WorkspaceScope::name)),
            Map.entry("GET /api/v1/registry/transition-requests", new Listing("transition_requests", Scoped.REGISTERED_MODEL,
                    WorkspaceScope::name)),
            Map.entry("GET /api/v1/pipelines/runs", new Listing("runs", Scoped.PIPELINE_RUN, item -> item.path("run_id").asText())),
            Map.entry("GET /api/v1/pipelines/schedules", new Listing("schedules", Scoped.PIPELINE_SCHEDULE, WorkspaceScope::name)),
            Map.entry("GET /api/v1/pipelines/triggers", new Listing("triggers", Scoped.DEPLOYMENT,
                    item -> item.path("deployment").asText())),
            Map.entry("GET /api/v1/entities", new Listing("entities", Scoped.ENTITY, WorkspaceScope::name)),
            Map.entry("GET /api/v1/feature-views", new Listing("feature_views", Scoped.FEATURE_VIEW, WorkspaceScope::name)),
            Map.entry("GET /api/v1/feature-services", new Listing("feature_services", Scoped.FEATURE_SERVICE, WorkspaceScope::name)),
            Map.entry("GET /api/v1/alert-rules", new Listing("alert_rules", Scoped.ALERT_RULE, WorkspaceScope::id)),
            Map.entry("GET /api/v1/alerts", new Listing("alerts", Scoped.ALERT, WorkspaceScope::id)),
            Map.entry("GET /api/2.0/mlflow/webhooks", new Listing("webhooks", Scoped.WEBHOOK, WorkspaceScope::webhookId)),
            Map.entry("GET /ajax-api/2.0/mlflow/webhooks", new Listing("webhooks", Scoped.WEBHOOK, WorkspaceScope::webhookId)));

    /** What each route that creates platform resources answers, and where in the answer the new ones are named. */
    private record Creation(Scoped kind, Function<JsonNode, List<String>> ids) {
        static Creation at(Scoped kind, String pointer) {
            return new Creation(kind, body -> List.of(body.at(pointer).asText("")));
        }
    }

    private static final Map<String, Creation> CREATIONS = Map.ofEntries(
            Map.entry("/api/v1/pipelines/runs", Creation.at(Scoped.PIPELINE_RUN, "/run_id")),
            Map.entry("/api/v1/pipelines/schedules", Creation.at(Scoped.PIPELINE_SCHEDULE, "/schedule/name")),
            Map.entry("/api/v1/entities", Creation.at(Scoped.ENTITY, "/entity/name")),
            Map.entry("/api/v1/feature-views", Creation.at(Scoped.FEATURE_VIEW, "/feature_view/name")),
            Map.entry("/api/v1/feature-services", Creation.at(Scoped.FEATURE_SERVICE, "/feature_service/name")),
            Map.entry("/api/v1/feature-views/training-set", Creation.at(Scoped.DATASET, "/dataset_version/name")),
            Map.entry("/api/v1/alert-rules", Creation.at(Scoped.ALERT_RULE, "/alert_rule/id")),
            Map.entry("/api/2.0/mlflow/webhooks", Creation.at(Scoped.WEBHOOK, "/webhook/webhook_id")),
            Map.entry("/ajax-api/2.0/mlflow/webhooks", Creation.at(Scoped.WEBHOOK, "/webhook/webhook_id")));

    private final WorkspaceService workspaces;
    private final WorkspaceResources resources;
    private final WorkspaceContext context;
    private final ScopedLineage lineage;
    private final AccessPolicy next;

    WorkspaceScope(WorkspaceService workspaces, WorkspaceResources resources, WorkspaceContext context, AccessPolicy next) {
        this.workspaces = workspaces;
        this.resources = resources;
        this.context = context;
        this.lineage = new ScopedLineage(workspaces, resources);
        this.next = next;
    }

    /** The workspace a request names: the header's, trimmed, or {@code default}. */
    static String requested(AccessRequest request) {
        String header = request.header(WorkspaceContext.HEADER);
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
            // on a route that parses its body first (log-batch), the ids in the body are read from that parse, before
            // the route acts, instead of from a scan of the whole body here
            request.whenBodyParsed(() -> refuseOtherWorkspaces(request, workspace));
            Listing listing = listing(request);
            if (listing != null) {
                request.onSuccess(body -> kept(body, listing, workspace, request.route()));
            }
            if (request.route().equals("/api/v1/lineage")) {
                String root = ScopedLineage.root(request);
                request.onSuccess(body -> lineage.kept(body, root, workspace));
            }
        }
        if (assignCreated(request, workspace) && !WorkspaceService.DEFAULT.equals(workspace) && !member.holds(Role.WRITE)) {
            throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                    + "' may not create resources in workspace '" + workspace + "': it needs EDIT or MANAGE there");
        }
        next.check(member, request, required);
    }

    /** A resource of another workspace the request names answers 404, as if it did not exist. */
    private void refuseOtherWorkspaces(AccessRequest request, String workspace) {
        for (WorkspaceResources.Named named : resources.named(request)) {
            Optional<String> home = workspaces.workspaceOf(named.kind(), named.id());
            if (home.isPresent() && !home.get().equals(workspace)) {
                throw new MlforgeException(ErrorCode.RESOURCE_DOES_NOT_EXIST, notFoundMessage(named));
            }
        }
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
            request.onSuccess(body -> assigned(body, Scoped.EXPERIMENT, tree(body).path("experiment_id").asText(null), workspace));
        } else if (route.endsWith("/mlflow/registered-models/create")) {
            request.onSuccess(body -> assigned(body, Scoped.REGISTERED_MODEL,
                    tree(body).path("registered_model").path("name").asText(null), workspace));
        } else if (route.equals("/api/v1/deployments")) {
            String name = request.field("name");
            request.onSuccess(body -> assigned(body, Scoped.DEPLOYMENT, name, workspace));
        } else if (route.equals("/api/v1/monitors")) {
            request.onSuccess(body -> assigned(body, Scoped.MONITOR, tree(body).path("monitor").path("id").asText(null), workspace));
        } else if (route.equals("/api/v1/datasets")) {
            String name = request.queryParam("name");
            request.onSuccess(body -> assigned(body, Scoped.DATASET, name, workspace));
        } else if (route.equals("/api/v1/features/apply")) {
            request.onSuccess(body -> {
                for (JsonNode applied : tree(body).path("applied")) {
                    workspaces.assign(Scoped.valueOf(applied.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                            applied.path("name").asText(), workspace);
                }
                return body;
            });
        } else if (CREATIONS.containsKey(route)) {
            Creation creation = CREATIONS.get(route);
            request.onSuccess(body -> {
                creation.ids().apply(tree(body)).forEach(id -> assigned(body, creation.kind(), id, workspace));
                return body;
            });
        } else {
            return false;
        }
        return true;
    }

    private String assigned(String body, Scoped kind, String resource, String workspace) {
        if (resource != null && !resource.isEmpty()) {
            workspaces.assign(kind, resource, workspace);
        }
        return body;
    }

    private String kept(String body, Listing listing, String workspace, String route) {
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
        if (items.isEmpty() && route.contains("/mlflow/")) {
            object.remove(listing.field()); // MLflow leaves an empty list out of its answers
        }
        return write(object);
    }

    static String write(JsonNode answer) {
        try {
            return Json.mapper().writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(JsonNode item) {
        return item.path("name").asText();
    }

    private static String id(JsonNode item) {
        return item.path("id").asText();
    }

    private static String webhookId(JsonNode item) {
        return item.path("webhook_id").asText();
    }

    private static String notFoundMessage(WorkspaceResources.Named named) {
        return switch (named.kind()) {
            case EXPERIMENT -> "No Experiment with id=" + named.id() + " exists";
            case REGISTERED_MODEL -> "Registered Model with name=" + named.id() + " not found";
            default -> named.kind().describe(named.id()) + " not found";
        };
    }

    static JsonNode tree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }
}
