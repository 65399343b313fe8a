package dev.mlforge.auth;

import static dev.mlforge.auth.Permission.Action.DELETE;
import static dev.mlforge.auth.Permission.Action.MANAGE;
import static dev.mlforge.auth.Permission.Action.READ;
import static dev.mlforge.auth.Permission.Action.UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.auth.PermissionChecker.Rule;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.AccessRequest;
import dev.mlforge.http.Json;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which check guards which route: the table MLflow keeps as {@code BEFORE_REQUEST_VALIDATORS}, plus the answers it
 * filters or follows ({@code AFTER_REQUEST_HANDLERS}: searches keep what the caller may read, the creator of an
 * experiment or registered model gets MANAGE, grants follow a renamed model). Keys are {@code METHOD /api/...} route
 * templates; the {@code /ajax-api/} twin of each route shares its rule.
 */
final class PermissionRules {
    private static final String MLFLOW = "/api/2.0/mlflow/";

    private final PermissionChecker checker;
    private final Map<String, Rule> table = new LinkedHashMap<>();

    PermissionRules(PermissionChecker checker) {
        this.checker = checker;
    }

    Map<String, Rule> table() {
        experiments();
        runs();
        loggedModels();
        artifacts();
        registeredModels();
        modelVersions();
        deployments();
        monitors();
        datasets();
        traces();
        pipelines();
        features();
        approvals();
        platformGrants();
        users();
        webUi();
        return Map.copyOf(table);
    }

    private void experiments() {
        mlflow("POST", "experiments/create", created(ResourceKind.EXPERIMENT, "experiment_id"));
        mlflow("GET", "experiments/get", checker.experiment(READ, "experiment_id"));
        mlflow("GET", "experiments/get-by-name", checker.experimentByName(READ));
        mlflow("GET", "experiments/search", readerSearch("experiments", ResourceKind.EXPERIMENT, "experiment_id"));
        mlflow("POST", "experiments/search", readerSearch("experiments", ResourceKind.EXPERIMENT, "experiment_id"));
        mlflow("POST", "experiments/update", checker.experiment(UPDATE, "experiment_id"));
        mlflow("POST", "experiments/delete", checker.experiment(DELETE, "experiment_id"));
        mlflow("POST", "experiments/restore", checker.experiment(DELETE, "experiment_id"));
        mlflow("POST", "experiments/set-experiment-tag", checker.experiment(UPDATE, "experiment_id"));
        mlflow("POST", "experiments/delete-experiment-tag", checker.experiment(UPDATE, "experiment_id"));
        for (String method : new String[] {"GET", "POST", "PATCH", "DELETE"}) {
            mlflow(method, "experiments/permissions/" + permissionVerb(method), checker.experiment(MANAGE, "experiment_id"));
        }
    }

    private void runs() {
        mlflow("POST", "runs/create", checker.experiment(UPDATE, "experiment_id"));
        mlflow("GET", "runs/get", checker.run(READ));
        // A search names its experiments; all must be readable (MLflow drops the others from the request instead).
        mlflow("POST", "runs/search", checker.experiment(READ, "experiment_ids"));
        for (String write : new String[] {"runs/update", "runs/log-metric", "runs/log-parameter", "runs/set-tag",
                "runs/delete-tag", "runs/log-batch", "runs/log-model", "runs/log-inputs", "runs/outputs"}) {
            mlflow("POST", write, checker.run(UPDATE));
        }
        mlflow("POST", "runs/delete", checker.run(DELETE));
        mlflow("POST", "runs/restore", checker.run(DELETE));
        mlflow("GET", "metrics/get-history", checker.run(READ));
        mlflow("GET", "metrics/get-history-bulk-interval", checker.runList(READ, "run_ids"));
        mlflow("GET", "artifacts/list", checker.run(READ));
        table.put("GET /get-artifact", checker.run(READ));
        mlflow("GET", "get-artifact", checker.run(READ));
    }

    private void loggedModels() {
        table.put("POST " + MLFLOW + "logged-models", checker.experiment(UPDATE, "experiment_id"));
        mlflow("POST", "logged-models/search", checker.experiment(READ, "experiment_ids"));
        String one = MLFLOW + "logged-models/{model_id}";
        table.put("GET " + one, checker.loggedModel(READ));
        table.put("PATCH " + one, checker.loggedModel(UPDATE));
        table.put("DELETE " + one, checker.loggedModel(DELETE));
        table.put("PATCH " + one + "/tags", checker.loggedModel(UPDATE));
        table.put("DELETE " + one + "/tags/{tag_key}", checker.loggedModel(UPDATE));
        table.put("POST " + one + "/params", checker.loggedModel(UPDATE));
        table.put("GET " + one + "/artifacts/directories", checker.loggedModel(READ));
        table.put("GET " + one + "/artifacts/files", checker.loggedModel(READ));
    }

    private void artifacts() {
        String proxy = "/api/2.0/mlflow-artifacts/artifacts";
        table.put("GET " + proxy, checker.artifactProxy(READ));
        table.put("GET " + proxy + "/<path>", checker.artifactProxy(READ));
        table.put("PUT " + proxy + "/<path>", checker.artifactProxy(UPDATE));
        table.put("DELETE " + proxy + "/<path>", checker.artifactProxy(DELETE));
    }

    private void registeredModels() {
        mlflow("POST", "registered-models/create", created(ResourceKind.REGISTERED_MODEL, "registered_model"));
        mlflow("GET", "registered-models/get", checker.model(READ, "name"));
        mlflow("GET", "registered-models/search", readerSearch("registered_models", ResourceKind.REGISTERED_MODEL, "name"));
        mlflow("POST", "registered-models/search", readerSearch("registered_models", ResourceKind.REGISTERED_MODEL, "name"));
        mlflow("GET", "registered-models/get-latest-versions", checker.model(READ, "name"));
        mlflow("POST", "registered-models/get-latest-versions", checker.model(READ, "name"));
        mlflow("POST", "registered-models/rename", renamed());
        mlflow("PATCH", "registered-models/update", checker.model(UPDATE, "name"));
        mlflow("DELETE", "registered-models/delete", deleted());
        mlflow("POST", "registered-models/set-tag", checker.model(UPDATE, "name"));
        mlflow("DELETE", "registered-models/delete-tag", checker.model(UPDATE, "name"));
        mlflow("POST", "registered-models/alias", checker.model(UPDATE, "name"));
        mlflow("DELETE", "registered-models/alias", checker.model(UPDATE, "name"));
        mlflow("GET", "registered-models/alias", checker.model(READ, "name"));
        for (String method : new String[] {"GET", "POST", "PATCH", "DELETE"}) {
            mlflow(method, "registered-models/permissions/" + permissionVerb(method), checker.model(MANAGE, "name"));
        }
    }

    private void modelVersions() {
        mlflow("POST", "model-versions/create", checker.model(UPDATE, "name"));
        mlflow("GET", "model-versions/get", checker.model(READ, "name"));
        mlflow("PATCH", "model-versions/update", checker.model(UPDATE, "name"));
        mlflow("DELETE", "model-versions/delete", checker.model(DELETE, "name"));
        mlflow("GET", "model-versions/search", readerSearch("model_versions", ResourceKind.REGISTERED_MODEL, "name"));
        mlflow("POST", "model-versions/search", readerSearch("model_versions", ResourceKind.REGISTERED_MODEL, "name"));
        mlflow("POST", "model-versions/transition-stage", checker.model(UPDATE, "name"));
        mlflow("GET", "model-versions/get-download-uri", checker.model(READ, "name"));
        mlflow("POST", "model-versions/set-tag", checker.model(UPDATE, "name"));
        mlflow("DELETE", "model-versions/delete-tag", checker.model(UPDATE, "name"));
        table.put("GET /model-versions/get-artifact", checker.model(READ, "name"));
        mlflow("GET", "model-versions/get-artifact", checker.model(READ, "name"));
    }

    private void deployments() {
        String base = "/api/v1/deployments";
        // a deployment serves the models its policy names: READ on each of them, on create and on a change
        Rule models = checker.modelUrisAt(READ, List.of(List.of("model_uri"), List.of("canary", "model_uri"),
                List.of("shadow", "model_uri")));
        // and the online features it declares: READ on each view it reads, directly or through its feature service
        Rule served = (identity, request) -> {
            models.check(identity, request);
            JsonNode features = request.jsonBody().path("features");
            checker.requireFeatureReads(identity, features.path("features"), features.path("feature_service"));
        };
        Rule created = createdNamed(ResourceKind.DEPLOYMENT, "name");
        table.put("POST " + base, (identity, request) -> {
            served.check(identity, request);
            created.check(identity, request);
        });
        table.put("GET " + base, searchFilter("deployments", ResourceKind.DEPLOYMENT, "name"));
        String one = base + "/{name}";
        Rule changed = checker.pathResource(ResourceKind.DEPLOYMENT, UPDATE, "name");
        table.put("PATCH " + one, (identity, request) -> {
            changed.check(identity, request);
            served.check(identity, request);
        });
        for (String read : new String[] {"GET " + one, "GET " + one + "/history", "GET " + one + "/predictions",
                "GET " + one + "/shadow-comparison", "POST " + one + "/invocations"}) {
            table.put(read, checker.pathResource(ResourceKind.DEPLOYMENT, READ, "name"));
        }
        for (String write : new String[] {"POST " + one + "/rollback", "POST " + one + "/feedback"}) {
            table.put(write, checker.pathResource(ResourceKind.DEPLOYMENT, UPDATE, "name"));
        }
        table.put("DELETE " + one, deletedAt(ResourceKind.DEPLOYMENT, "name"));
        // the Open Inference Protocol names the deployment as its model
        for (String model : new String[] {"/v2/models/{name}", "/v2/models/{name}/versions/{version}"}) {
            for (String read : new String[] {"POST " + model + "/infer", "GET " + model, "GET " + model + "/ready"}) {
                table.put(read, checker.pathResource(ResourceKind.DEPLOYMENT, READ, "name"));
            }
        }
    }

    private void monitors() {
        String base = "/api/v1/monitors";
        Rule created = created(ResourceKind.MONITOR, "monitor", "id");
        Rule watched = checker.resourceField(ResourceKind.DEPLOYMENT, READ, "deployment");
        table.put("POST " + base, (identity, request) -> {
            PermissionChecker.requireCreateRole(identity, request);
            watched.check(identity, request);
            created.check(identity, request);
        });
        table.put("GET " + base, searchFilter("monitors", ResourceKind.MONITOR, "id"));
        String one = base + "/{id}";
        table.put("GET " + one, checker.pathResource(ResourceKind.MONITOR, READ, "id"));
        table.put("GET " + one + "/results", checker.pathResource(ResourceKind.MONITOR, READ, "id"));
        table.put("POST " + one + "/run", checker.pathResource(ResourceKind.MONITOR, UPDATE, "id"));
        table.put("DELETE " + one, deletedAt(ResourceKind.MONITOR, "id"));
    }

    /**
     * A dataset is registered by name (query parameter); a new version of a dataset someone owns needs EDIT on it,
     * a new dataset (or one from before authentication, owned by no one) the WRITE role; its first registrant manages it.
     */
    private void datasets() {
        String base = "/api/v1/datasets";
        table.put("POST " + base, (identity, request) -> {
            String name = request.queryParam("name");
            if (name != null && checker.permissions().owned(ResourceKind.DATASET, name)) {
                checker.require(identity, ResourceKind.DATASET, name, UPDATE);
            } else {
                PermissionChecker.requireCreateRole(identity, request);
                if (name == null) {
                    return;
                }
                request.onSuccess(body -> {
                    checker.permissions().grantCreator(ResourceKind.DATASET, name, identity.name());
                    return body;
                });
            }
        });
        table.put("GET " + base, searchFilter("datasets", ResourceKind.DATASET, "name"));
        String one = base + "/{name}/versions";
        for (String read : new String[] {one, one + "/{version}", one + "/{version}/content"}) {
            table.put("GET " + read, checker.pathResource(ResourceKind.DATASET, READ, "name"));
        }
    }

    /**
     * Traces follow their experiment, as runs do: reading a trace, its spans and assessments needs READ, logging
     * (starting, ending, tagging, assessing, OTLP export to the {@code x-mlflow-experiment-id} experiment) EDIT.
     */
    private void traces() {
        for (String v3 : new String[] {"/api/3.0/mlflow/traces", MLFLOW + "traces"}) {
            table.put("POST " + v3 + "/delete-traces", checker.experiment(DELETE, "experiment_id"));
            table.put("PATCH " + v3 + "/{trace_id}/tags", checker.trace(UPDATE));
            table.put("DELETE " + v3 + "/{trace_id}/tags", checker.trace(UPDATE));
        }
        String v3 = "/api/3.0/mlflow/traces";
        table.put("POST " + v3, checker.experimentAt(UPDATE, "trace", "trace_info", "trace_location", "mlflow_experiment",
                "experiment_id"));
        for (String read : new String[] {"GET " + v3 + "/get", "GET " + v3 + "/batchGet", "POST " + v3 + "/batchGetInfos",
                "GET " + v3 + "/{trace_id}", "GET " + v3 + "/{trace_id}/assessments/{assessment_id}"}) {
            table.put(read, checker.trace(READ));
        }
        for (String write : new String[] {"POST " + v3 + "/{trace_id}/assessments",
                "PATCH " + v3 + "/{trace_id}/assessments/{assessment_id}",
                "DELETE " + v3 + "/{trace_id}/assessments/{assessment_id}"}) {
            table.put(write, checker.trace(UPDATE));
        }
        Rule located = checker.experimentsAt(READ, "locations", "mlflow_experiment", "experiment_id");
        table.put("POST " + v3 + "/search", (identity, request) -> {
            located.check(identity, request);
            traceFilter("traces", "trace_location").check(identity, request);
        });
        String v2 = MLFLOW + "traces";
        table.put("POST " + v2, checker.experiment(UPDATE, "experiment_id"));
        table.put("GET " + v2, (identity, request) -> {
            checker.experiment(READ, "experiment_ids").check(identity, request);
            traceFilter("traces", null).check(identity, request);
        });
        table.put("PATCH " + v2 + "/{request_id}", checker.trace(UPDATE));
        table.put("GET " + v2 + "/{request_id}/info", checker.trace(READ));
        table.put("POST /v1/traces", (identity, request) -> {
            String experiment = request.header("x-mlflow-experiment-id");
            if (experiment != null && !experiment.isBlank()) {
                checker.require(identity, ResourceKind.EXPERIMENT, experiment.trim(), UPDATE);
            }
        });
        table.put("GET /ui/traces/{trace_id}", checker.trace(READ));
    }

    /** Keeps the traces of a search whose experiment the caller may read (a search that named none finds across all). */
    private Rule traceFilter(String listField, String locationField) {
        return (identity, request) -> {
            if (Roles.isAdmin(identity)) {
                return;
            }
            request.onSuccess(body -> filtered(body, listField, item -> {
                JsonNode experiment = locationField == null ? item.path("experiment_id")
                        : item.path(locationField).path("mlflow_experiment").path("experiment_id");
                return checker.canRead(identity, ResourceKind.EXPERIMENT, experiment.asText());
            }));
        };
    }

    /**
     * Pipeline runs by run id (the submitter manages its run), schedules by name (admins create them, as the route
     * declares; whoever manages one may delete it); a drift trigger belongs to its deployment: it is listed to those
     * who may read the deployment and removed by those who manage it.
     */
    private void pipelines() {
        String base = "/api/v1/pipelines";
        table.put("POST " + base + "/runs", (identity, request) -> {
            PermissionChecker.requireCreateRole(identity, request);
            created(ResourceKind.PIPELINE_RUN, "run_id").check(identity, request);
        });
        table.put("GET " + base + "/runs", searchFilter("runs", ResourceKind.PIPELINE_RUN, "run_id"));
        table.put("GET " + base + "/runs/{run_id}", checker.pathResource(ResourceKind.PIPELINE_RUN, READ, "run_id"));
        table.put("POST " + base + "/schedules", (identity, request) -> {
            AccessPolicy.requireRole(identity, request, Role.ADMIN);
            creatorOf(ResourceKind.PIPELINE_SCHEDULE, request.field("name"), identity, request);
        });
        table.put("GET " + base + "/schedules", searchFilter("schedules", ResourceKind.PIPELINE_SCHEDULE, "name"));
        table.put("DELETE " + base + "/schedules/{name}", deletedAt(ResourceKind.PIPELINE_SCHEDULE, "name"));
        table.put("POST " + base + "/triggers", (identity, request) -> AccessPolicy.requireRole(identity, request, Role.ADMIN));
        table.put("GET " + base + "/triggers", searchFilter("triggers", ResourceKind.DEPLOYMENT, "deployment"));
        table.put("DELETE " + base + "/triggers/{deployment}", checker.pathResource(ResourceKind.DEPLOYMENT, MANAGE, "deployment"));
    }

    /**
     * The feature store's definitions by name, as datasets: a new definition needs the WRITE role and its first applier
     * manages it, a new version of one someone owns needs EDIT on it; reading needs READ, materializing EDIT, and an
     * online lookup or training set READ on every view (or feature service) it reads.
     */
    private void features() {
        table.put("POST /api/v1/features/apply", (identity, request) -> {
            JsonNode document = request.jsonBody();
            if (!document.isObject()) {
                PermissionChecker.requireCreateRole(identity, request);
            }
            applied(identity, request, ResourceKind.ENTITY, document.path("entities"));
            applied(identity, request, ResourceKind.FEATURE_VIEW, document.path("feature_views"));
            applied(identity, request, ResourceKind.FEATURE_SERVICE, document.path("feature_services"));
        });
        definitions("/api/v1/entities", ResourceKind.ENTITY, "entities");
        definitions("/api/v1/feature-views", ResourceKind.FEATURE_VIEW, "feature_views");
        definitions("/api/v1/feature-services", ResourceKind.FEATURE_SERVICE, "feature_services");
        String views = "/api/v1/feature-views/{name}";
        table.put("POST " + views + "/materialize", checker.pathResource(ResourceKind.FEATURE_VIEW, UPDATE, "name"));
        table.put("POST " + views + "/online", checker.pathResource(ResourceKind.FEATURE_VIEW, READ, "name"));
        table.put("GET " + views + "/statistics", checker.pathResource(ResourceKind.FEATURE_VIEW, READ, "name"));
        table.put("POST " + views + "/drift", checker.pathResource(ResourceKind.FEATURE_VIEW, READ, "name"));
        // these routes read their body as JSON whatever its Content-Type: so does the check
        Rule reads = (identity, request) -> {
            JsonNode body = request.jsonBody();
            checker.requireFeatureReads(identity, body.path("features"), body.path("feature_service"));
        };
        table.put("POST /get-online-features", reads);
        table.put("POST /api/v1/feature-views/training-set", (identity, request) -> {
            PermissionChecker.requireCreateRole(identity, request);
            reads.check(identity, request);
            String dataset = request.jsonBody().path("dataset_name").asText(null);
            if (dataset != null && checker.permissions().owned(ResourceKind.DATASET, dataset)) {
                checker.require(identity, ResourceKind.DATASET, dataset, UPDATE);
            } else {
                creatorOf(ResourceKind.DATASET, dataset, identity, request);
            }
        });
    }

    private void definitions(String base, ResourceKind kind, String listField) {
        table.put("POST " + base, (identity, request) -> {
            JsonNode one = request.jsonBody();
            if (!one.isObject()) {
                PermissionChecker.requireCreateRole(identity, request);
                return;
            }
            applied(identity, request, kind, Json.mapper().createArrayNode().add(one));
        });
        table.put("GET " + base, searchFilter(listField, kind, "name"));
        table.put("GET " + base + "/{name}", checker.pathResource(kind, READ, "name"));
    }

    /** Definitions applied: EDIT on each one someone owns, the WRITE role for new ones, whose applier then manages them. */
    private void applied(RequestIdentity identity, AccessRequest request, ResourceKind kind, JsonNode definitions) {
        for (JsonNode definition : definitions) {
            String name = definition.path("name").asText(null);
            if (name != null && checker.permissions().owned(kind, name)) {
                checker.require(identity, kind, name, UPDATE);
            } else {
                PermissionChecker.requireCreateRole(identity, request);
                creatorOf(kind, name, identity, request);
            }
        }
    }

    /** Once the request succeeds, {@code identity} manages the resource {@code name} (when the request named one). */
    private void creatorOf(ResourceKind kind, String name, RequestIdentity identity, AccessRequest request) {
        if (name == null) {
            return;
        }
        request.onSuccess(body -> {
            checker.permissions().grantCreator(kind, name, identity.name());
            return body;
        });
    }

    /**
     * The two-person approvals of a registered model's transitions: requesting, approving and rejecting need EDIT on
     * the model (the permission the transition itself needs), reading needs READ; the rule stays the admins'.
     */
    private void approvals() {
        String requests = "/api/v1/registry/transition-requests";
        table.put("POST " + requests, checker.model(UPDATE, "name"));
        table.put("GET " + requests, searchFilter("transition_requests", ResourceKind.REGISTERED_MODEL, "name"));
        table.put("GET " + requests + "/{id}", checker.transitionRequest(READ));
        table.put("POST " + requests + "/{id}/approve", checker.transitionRequest(UPDATE));
        table.put("POST " + requests + "/{id}/reject", checker.transitionRequest(UPDATE));
        String model = "/api/v1/registry/models/{name}";
        table.put("PUT " + model + "/approval-rule", (identity, request) -> AccessPolicy.requireRole(identity, request, Role.ADMIN));
        for (String read : new String[] {model + "/approval-rule", model + "/versions/{version}",
                model + "/versions/{version}/history", model + "/versions/{version}/verify"}) {
            table.put("GET " + read, checker.pathResource(ResourceKind.REGISTERED_MODEL, READ, "name"));
        }
        // a model URI resolved to its files and their digests (batch scoring): READ on the model it names
        table.put("GET /api/v1/registry/resolve", checker.modelUri(READ, "model_uri"));
    }

    /** {@code /api/v1/permissions}: granting on a platform resource needs MANAGE on it (admins pass). */
    private void platformGrants() {
        Rule manage = (identity, request) -> {
            ResourceKind kind = ResourceKind.fromWire(request.field("resource_type"));
            String resource = request.field("resource_id");
            if (kind != null && resource != null) {
                checker.require(identity, kind, resource, MANAGE);
            } else if (!Roles.isAdmin(identity)) {
                // the route answers 400 for what it cannot read; only admins learn that before a permission check
                throw new dev.mlforge.http.MlforgeException(dev.mlforge.api.ErrorCode.INVALID_PARAMETER_VALUE,
                        "Missing or unknown 'resource_type' or 'resource_id': expected resource_type one of "
                                + PlatformPermissionRoutes.KINDS + " and a resource_id");
            }
        };
        for (String method : new String[] {"GET", "POST", "PATCH", "DELETE"}) {
            table.put(method + " " + PlatformPermissionRoutes.BASE, manage);
        }
    }

    private void users() {
        mlflow("POST", "users/create", PermissionChecker.admin());
        mlflow("GET", "users/get", PermissionChecker.selfOrAdmin());
        mlflow("GET", "users/current", PermissionChecker.authenticated());
        mlflow("PATCH", "users/update-password", PermissionChecker.selfOrAdmin());
        mlflow("PATCH", "users/update-admin", PermissionChecker.admin());
        mlflow("DELETE", "users/delete", PermissionChecker.admin());
        table.put("GET /api/v1/tokens", PermissionChecker.authenticated());
        table.put("POST /api/v1/tokens", PermissionChecker.authenticated());
        table.put("DELETE /api/v1/tokens/{id}", PermissionChecker.authenticated());
    }

    private static String permissionVerb(String method) {
        return switch (method) {
            case "GET" -> "get";
            case "POST" -> "create";
            case "PATCH" -> "update";
            default -> "delete";
        };
    }

    /**
     * The web UI's pages read what the API routes above guard, so they are checked alike; its experiments list
     * lists show only what the caller may read (the pages ask {@link PermissionService#mayRead}).
     */
    private void webUi() {
        table.put("GET /ui/experiments", PermissionChecker.authenticated());
        table.put("GET /ui/experiments/{experiment_id}", checker.experimentInPath(READ));
        table.put("GET /ui/experiments/{experiment_id}/keys", checker.experimentInPath(READ));
        table.put("GET /ui/runs/{run_id}", checker.runInPath(READ));
        table.put("GET /ui/compare", checker.runsSeparated(READ, "runs"));
        table.put("GET /ui/compare/history", checker.runsSeparated(READ, "runs"));
        table.put("GET /ui/models/{name}", checker.pathResource(ResourceKind.REGISTERED_MODEL, READ, "name"));
        table.put("GET /ui/models/{name}/versions/{version}", checker.pathResource(ResourceKind.REGISTERED_MODEL, READ, "name"));
        table.put("GET /ui/deployments/{name}", checker.pathResource(ResourceKind.DEPLOYMENT, READ, "name"));
        table.put("GET /ui/deployments/{name}/live", checker.pathResource(ResourceKind.DEPLOYMENT, READ, "name"));
        table.put("GET /ui/monitors/{id}", checker.pathResource(ResourceKind.MONITOR, READ, "id"));
        table.put("GET /ui/datasets/{name}", checker.pathResource(ResourceKind.DATASET, READ, "name"));
    }

    private void mlflow(String method, String route, Rule rule) {
        table.put(method + " " + MLFLOW + route, rule);
    }

    /** Any authenticated user may create; the creator then manages what was created (read from the answer). */
    private Rule created(ResourceKind kind, String responseField) {
        return (identity, request) -> request.onSuccess(body -> {
            JsonNode answer = tree(body).path(responseField);
            String resource = answer.isObject() ? answer.path("name").asText(null) : answer.asText(null);
            if (resource != null) {
                checker.permissions().grantCreator(kind, resource, identity.name());
            }
            return body;
        });
    }

    /** Creation by a name the request carries: the WRITE role is needed, the creator then manages it. */
    private Rule createdNamed(ResourceKind kind, String field) {
        return (identity, request) -> {
            PermissionChecker.requireCreateRole(identity, request);
            String name = request.field(field);
            request.onSuccess(body -> {
                if (name != null) {
                    checker.permissions().grantCreator(kind, name, identity.name());
                }
                return body;
            });
        };
    }

    /** Creation whose id the answer carries ({@code {"monitor": {"id": ...}}}): the creator manages it. */
    private Rule created(ResourceKind kind, String object, String idField) {
        return (identity, request) -> request.onSuccess(body -> {
            String resource = tree(body).path(object).path(idField).asText(null);
            if (resource != null) {
                checker.permissions().grantCreator(kind, resource, identity.name());
            }
            return body;
        });
    }

    /** Deletion of the resource named by a path parameter: DELETE needed, its grants go with it. */
    private Rule deletedAt(ResourceKind kind, String param) {
        Rule delete = checker.pathResource(kind, DELETE, param);
        return (identity, request) -> {
            delete.check(identity, request);
            String resource = request.pathParam(param);
            request.onSuccess(body -> {
                checker.permissions().deleted(kind, resource);
                return body;
            });
        };
    }

    private Rule renamed() {
        Rule update = checker.model(UPDATE, "name");
        return (identity, request) -> {
            update.check(identity, request);
            String from = request.field("name");
            String to = request.field("new_name");
            request.onSuccess(body -> {
                if (from != null && to != null) {
                    checker.permissions().renamed(ResourceKind.REGISTERED_MODEL, from, to);
                }
                return body;
            });
        };
    }

    private Rule deleted() {
        Rule delete = checker.model(DELETE, "name");
        return (identity, request) -> {
            delete.check(identity, request);
            String name = request.field("name");
            request.onSuccess(body -> {
                if (name != null) {
                    checker.permissions().deleted(ResourceKind.REGISTERED_MODEL, name);
                }
                return body;
            });
        };
    }

    /**
     * A search whose store keeps in SQL only what the caller may read (full pages, right page tokens), then filtered
     * as {@link #searchFilter} does.
     */
    private Rule readerSearch(String listField, ResourceKind kind, String idField) {
        Rule filter = searchFilter(listField, kind, idField);
        return (identity, request) -> {
            checker.readsFor(identity, kind);
            filter.check(identity, request);
        };
    }

    /** Drops the items of the answer's {@code listField} whose resource the caller may not read (admins see all). */
    private Rule searchFilter(String listField, ResourceKind kind, String idField) {
        return (identity, request) -> {
            if (Roles.isAdmin(identity)) {
                return;
            }
            request.onSuccess(body -> filtered(body, listField, item -> checker.canRead(identity, kind,
                    item.path(idField).asText())));
        };
    }

    private static String filtered(String body, String listField, java.util.function.Predicate<JsonNode> readable) {
        JsonNode root = tree(body);
        if (!(root instanceof ObjectNode object) || !(object.get(listField) instanceof ArrayNode items)) {
            return body;
        }
        boolean changed = false;
        for (Iterator<JsonNode> iterator = items.iterator(); iterator.hasNext(); ) {
            if (!readable.test(iterator.next())) {
                iterator.remove();
                changed = true;
            }
        }
        if (!changed) {
            return body;
        }
        if (items.isEmpty()) {
            object.remove(listField);
        }
        try {
            return Json.mapper().writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }
}
