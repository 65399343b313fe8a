package dev.mlforge.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.AccessRequest;
import java.util.List;

/**
 * Which resources a request to the platform's own routes names (those V35 put into workspaces): pipeline runs,
 * schedules and drift triggers (through their deployment), feature-store definitions with what they reference (a view
 * its entities and source dataset, a service and a feature reference their views), alert rules (with their
 * deployment) and alerts, and the root of a lineage graph.
 */
final class PlatformResources {
    private PlatformResources() {}

    static void name(AccessRequest request, List<WorkspaceResources.Named> named, WorkspaceResources resources) {
        String route = request.route();
        boolean post = request.method().equals("POST");
        if (route.startsWith("/api/v1/pipelines/runs")) {
            WorkspaceResources.add(named, Scoped.PIPELINE_RUN, request.pathParam("run_id"));
        } else if (route.startsWith("/api/v1/pipelines/schedules")) {
            WorkspaceResources.add(named, Scoped.PIPELINE_SCHEDULE, post ? request.field("name") : request.pathParam("name"));
        } else if (route.startsWith("/api/v1/pipelines/triggers")) {
            WorkspaceResources.add(named, Scoped.DEPLOYMENT, post ? request.field("deployment") : request.pathParam("deployment"));
        } else if (route.startsWith("/api/v1/alert-rules")) {
            WorkspaceResources.add(named, Scoped.ALERT_RULE, request.pathParam("id"));
            if (post) {
                WorkspaceResources.add(named, Scoped.DEPLOYMENT, request.field("deployment"));
            }
        } else if (route.startsWith("/api/v1/alerts/")) {
            WorkspaceResources.add(named, Scoped.ALERT, request.pathParam("id"));
        } else if (route.startsWith("/api/v1/webhooks/")) {
            WorkspaceResources.add(named, Scoped.WEBHOOK, request.pathParam("webhook_id"));
        } else if (route.equals("/api/v1/lineage")) {
            lineageRoot(request, named, resources);
        } else {
            features(request, named);
        }
    }

    private static void features(AccessRequest request, List<WorkspaceResources.Named> named) {
        String route = request.route();
        boolean post = request.method().equals("POST");
        if (route.startsWith("/api/v1/entities")) {
            WorkspaceResources.add(named, Scoped.ENTITY, request.pathParam("name"));
            if (post && request.pathParam("name") == null) {
                entity(request.jsonBody(), named);
            }
        } else if (route.equals("/api/v1/feature-views/training-set") || route.equals("/get-online-features")) {
            JsonNode body = request.jsonBody();
            references(body.path("features"), named);
            WorkspaceResources.add(named, Scoped.FEATURE_SERVICE, body.path("feature_service").asText(null));
            WorkspaceResources.add(named, Scoped.DATASET, body.path("entity_dataset").path("name").asText(null));
            WorkspaceResources.add(named, Scoped.DATASET, body.path("dataset_name").asText(null));
        } else if (route.startsWith("/api/v1/feature-views")) {
            WorkspaceResources.add(named, Scoped.FEATURE_VIEW, request.pathParam("name"));
            if (post && request.pathParam("name") == null) {
                view(request.jsonBody(), named);
            }
        } else if (route.startsWith("/api/v1/feature-services")) {
            WorkspaceResources.add(named, Scoped.FEATURE_SERVICE, request.pathParam("name"));
            if (post && request.pathParam("name") == null) {
                service(request.jsonBody(), named);
            }
        } else if (route.equals("/api/v1/features/apply")) {
            JsonNode document = request.jsonBody();
            document.path("entities").forEach(entity -> entity(entity, named));
            document.path("feature_views").forEach(view -> view(view, named));
            document.path("feature_services").forEach(service -> service(service, named));
        }
    }

    private static void entity(JsonNode definition, List<WorkspaceResources.Named> named) {
        WorkspaceResources.add(named, Scoped.ENTITY, definition.path("name").asText(null));
    }

    private static void view(JsonNode definition, List<WorkspaceResources.Named> named) {
        WorkspaceResources.add(named, Scoped.FEATURE_VIEW, definition.path("name").asText(null));
        definition.path("entities").forEach(entity -> WorkspaceResources.add(named, Scoped.ENTITY, entity.asText(null)));
        WorkspaceResources.add(named, Scoped.DATASET, definition.path("source").path("dataset").asText(null));
    }

    private static void service(JsonNode definition, List<WorkspaceResources.Named> named) {
        WorkspaceResources.add(named, Scoped.FEATURE_SERVICE, definition.path("name").asText(null));
        references(definition.path("features"), named);
    }

    /** Feature references {@code view:feature} (or a whole {@code view}) name their view. */
    private static void references(JsonNode features, List<WorkspaceResources.Named> named) {
        for (JsonNode feature : features) {
            String reference = feature.asText("");
            int colon = reference.indexOf(':');
            WorkspaceResources.add(named, Scoped.FEATURE_VIEW, colon < 0 ? reference : reference.substring(0, colon));
        }
    }

    private static void lineageRoot(AccessRequest request, List<WorkspaceResources.Named> named, WorkspaceResources resources) {
        WorkspaceResources.add(named, Scoped.REGISTERED_MODEL, request.queryParam("model"));
        WorkspaceResources.add(named, Scoped.DATASET_DIGEST, request.queryParam("dataset_digest"));
        String loggedModel = request.queryParam("logged_model_id");
        if (loggedModel != null) {
            resources.experimentOfLoggedModel(loggedModel).ifPresent(id -> WorkspaceResources.add(named, Scoped.EXPERIMENT, id));
        }
    }
}
