package dev.mlforge.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.auth.Permission.Action;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.AccessRequest;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.models.ModelUri;
import dev.mlforge.http.Role;
import dev.mlforge.store.WorkspaceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place resource permissions are enforced, as MLflow's {@code _before_request}: the route and the request
 * name the experiment or registered model touched (directly, or through a run or logged model), and the caller's
 * permission on it must allow the route's action; administrators pass. Searches keep only what the caller may read.
 * Routes without a rule here fall back to the role they declared ({@link Roles} maps the default permission to one).
 */
final class PermissionChecker implements AccessPolicy {
    private static final Pattern EXPERIMENT_ARTIFACT = Pattern.compile("^(\\d+)/");

    private final PermissionService permissions;
    private final ResourceLocator locator;
    private final WorkspaceContext workspace;
    /** Route template -> method -> rule: the template a request carries is the router's own string, its hash kept. */
    private final Map<String, Map<String, Rule>> rules;
    /** Runs, logged models and traces never change experiment: their experiment is remembered once found. */
    private final Cache<String, String> experimentOf = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The check of one route. */
    @FunctionalInterface
    interface Rule {
        void check(RequestIdentity identity, AccessRequest request);
    }

    PermissionChecker(PermissionService permissions, ResourceLocator locator, WorkspaceContext workspace) {
        this.permissions = permissions;
        this.locator = locator;
        this.workspace = workspace;
        this.rules = byRoute(new PermissionRules(this).table());
    }

    @Override
    public void check(RequestIdentity identity, AccessRequest request, Role required) {
        Map<String, Rule> byMethod = rules.get(canonicalRoute(request.route()));
        Rule rule = byMethod == null ? null : byMethod.get(request.method());
        if (rule == null) {
            AccessPolicy.requireRole(identity, request, required);
            return;
        }
        if (!identity.authenticated()) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Authentication is required for " + request.method() + " "
                    + request.path());
        }
        // on a route that parses its body first (log-batch), the rule reads that parse's fields instead of a scan here
        request.whenBodyParsed(() -> rule.check(identity, request));
    }

    /** The rules of {@code "METHOD route"} keys, by route and then by method. */
    private static Map<String, Map<String, Rule>> byRoute(Map<String, Rule> table) {
        Map<String, Map<String, Rule>> byRoute = new HashMap<>();
        table.forEach((key, rule) -> {
            int space = key.indexOf(' ');
            byRoute.computeIfAbsent(key.substring(space + 1), route -> new HashMap<>()).put(key.substring(0, space), rule);
        });
        return byRoute;
    }

    /** MLflow serves each route under {@code /api/} and {@code /ajax-api/}: one rule covers both. */
    static String canonicalRoute(String route) {
        return route.startsWith("/ajax-api/") ? "/api/" + route.substring("/ajax-api/".length()) : route;
    }

    // Rules over experiments

    Rule experiment(Action action, String field) {
        return (identity, request) -> request.fields(field).forEach(id -> require(identity, ResourceKind.EXPERIMENT, id, action));
    }

    Rule experimentByName(Action action) {
        return (identity, request) -> request.fields("experiment_name").forEach(name -> locator.experimentByName(name)
                .ifPresent(id -> require(identity, ResourceKind.EXPERIMENT, id, action)));
    }

    /** A run named by {@code run_id} or MLflow's older {@code run_uuid}: every value sent is checked. */
    Rule run(Action action) {
        return (identity, request) -> {
            runs(identity, request.fields("run_id"), action);
            runs(identity, request.fields("run_uuid"), action);
        };
    }

    /** The experiment named by the route's {@code experiment_id} path parameter (the web UI's pages). */
    Rule experimentInPath(Action action) {
        return (identity, request) -> require(identity, ResourceKind.EXPERIMENT, request.pathParam("experiment_id"), action);
    }

    /** The run named by the route's {@code run_id} path parameter (the web UI's pages). */
    Rule runInPath(Action action) {
        return (identity, request) -> runs(identity, List.of(request.pathParam("run_id")), action);
    }

    /** Runs named in {@code field}, repeated or comma-separated (the web UI's comparison). */
    Rule runsSeparated(Action action, String field) {
        return (identity, request) -> runs(identity, request.fields(field).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::trim)
                .filter(id -> !id.isEmpty()).toList(), action);
    }

    Rule runList(Action action, String field) {
        return (identity, request) -> runs(identity, request.fields(field), action);
    }

    private void runs(RequestIdentity identity, List<String> runIds, Action action) {
        for (String runId : runIds) {
            experimentOf("run:" + runId, key -> locator.experimentOfRun(runId))
                    .ifPresent(id -> require(identity, ResourceKind.EXPERIMENT, id, action));
        }
    }

    /** A logged model named by the {@code model_id} path parameter or field. */
    Rule loggedModel(Action action) {
        return (identity, request) -> {
            String pathId = request.pathParam("model_id");
            List<String> ids = pathId != null ? List.of(pathId) : request.fields("model_id");
            for (String modelId : ids) {
                experimentOf("model:" + modelId, key -> locator.experimentOfLoggedModel(modelId))
                        .ifPresent(id -> require(identity, ResourceKind.EXPERIMENT, id, action));
            }
        };
    }

    private Optional<String> experimentOf(String key, Function<String, Optional<String>> lookup) {
        String known = experimentOf.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = lookup.apply(key);
        found.ifPresent(id -> experimentOf.put(key, id));
        return found;
    }

    /**
     * The artifact proxy: a path starting with an experiment id ({@code 3/<run>/artifacts/...}, how runs lay out their
     * artifacts) is checked against that experiment, any other path against the default permission, as MLflow does.
     */
    Rule artifactProxy(Action action) {
        return (identity, request) -> {
            String path = request.pathParam("path");
            if (path == null) {
                path = request.field("path");
            }
            Matcher experiment = EXPERIMENT_ARTIFACT.matcher(path == null ? "" : path);
            if (experiment.find()) {
                require(identity, ResourceKind.EXPERIMENT, experiment.group(1), action);
            } else if (!Roles.isAdmin(identity) && !permissions.defaultPermission().allows(action)) {
                throw denied(identity, action, "artifacts at '" + path + "'");
            }
        };
    }

    /**
     * The experiment a request body names at {@code path} (nested objects, snake_case or camelCase keys), as a trace's
     * {@code trace.trace_info.trace_location.mlflow_experiment.experiment_id}.
     */
    Rule experimentAt(Action action, String... path) {
        return (identity, request) -> {
            JsonNode node = request.jsonBody();
            for (String key : path) {
                node = child(node, key);
            }
            if (node.isValueNode()) {
                require(identity, ResourceKind.EXPERIMENT, node.asText(), action);
            }
        };
    }

    /** The experiments a body lists at {@code list}, each at {@code path} within an item (a trace search's locations). */
    Rule experimentsAt(Action action, String list, String... path) {
        return (identity, request) -> {
            for (JsonNode item : child(request.jsonBody(), list)) {
                JsonNode node = item;
                for (String key : path) {
                    node = child(node, key);
                }
                if (node.isValueNode()) {
                    require(identity, ResourceKind.EXPERIMENT, node.asText(), action);
                }
            }
        };
    }

    private static JsonNode child(JsonNode node, String key) {
        JsonNode snake = node.path(key);
        if (!snake.isMissingNode()) {
            return snake;
        }
        StringBuilder camel = new StringBuilder();
        for (String part : key.split("_")) {
            camel.append(camel.isEmpty() || part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return node.path(camel.toString());
    }

    /**
     * A trace named by the path ({@code trace_id}, or the 2.x {@code request_id}) or by the request's {@code trace_id}
     * or {@code trace_ids}: the experiment it was logged to is checked.
     */
    Rule trace(Action action) {
        return (identity, request) -> {
            String pathId = request.pathParam("trace_id") != null ? request.pathParam("trace_id") : request.pathParam("request_id");
            List<String> ids = pathId != null ? List.of(pathId)
                    : java.util.stream.Stream.concat(request.fields("trace_id").stream(), request.fields("trace_ids").stream()).toList();
            for (String traceId : ids) {
                experimentOf("trace:" + traceId, key -> locator.experimentOfTrace(traceId))
                        .ifPresent(id -> require(identity, ResourceKind.EXPERIMENT, id, action));
            }
        };
    }

    // Rules over registered models

    /** A transition request named by the {@code id} path parameter: the permission is checked on its model. */
    Rule transitionRequest(Action action) {
        return (identity, request) -> locator.modelOfTransitionRequest(request.pathParam("id"))
                .ifPresent(name -> require(identity, ResourceKind.REGISTERED_MODEL, name, action));
    }

    Rule model(Action action, String field) {
        return (identity, request) -> request.fields(field).forEach(name -> require(identity, ResourceKind.REGISTERED_MODEL, name, action));
    }

    /**
     * The model URI in {@code field}: {@code models:/name/...} and {@code models:/name@alias} on the registered model,
     * {@code models:/m-<id>} on the logged model's experiment (a registered model of that name when no logged model
     * has the id), {@code runs:/<run>/...} on the run's experiment. Other forms are left to the route, which refuses them.
     */
    Rule modelUri(Action action, String field) {
        return (identity, request) -> request.fields(field).forEach(text -> requireModelUri(identity, text, action));
    }

    /**
     * The model URIs a JSON body holds at each of {@code paths} (a deployment's {@code model_uri},
     * {@code canary.model_uri}, {@code shadow.model_uri}), each checked as {@link #modelUri}; absent ones are skipped,
     * so a PATCH that keeps the model checks nothing.
     */
    Rule modelUrisAt(Action action, List<List<String>> paths) {
        return (identity, request) -> {
            for (List<String> path : paths) {
                JsonNode node = request.jsonBody();
                for (String key : path) {
                    node = node.path(key);
                }
                if (node.isTextual()) {
                    requireModelUri(identity, node.asText(), action);
                }
            }
        };
    }

    private void requireModelUri(RequestIdentity identity, String text, Action action) {
        ModelUri uri;
        try {
            uri = ModelUri.parse(text);
        } catch (MlforgeException e) {
            return; // the route refuses what does not parse
        }
        if (uri instanceof ModelUri.RunArtifact run) {
            runs(identity, List.of(run.runId()), action);
        } else if (uri instanceof ModelUri.LoggedModel logged) {
            Optional<String> experiment = experimentOf("model:" + logged.modelId(),
                    key -> locator.experimentOfLoggedModel(logged.modelId()));
            if (experiment.isPresent()) {
                require(identity, ResourceKind.EXPERIMENT, experiment.get(), action);
            } else {
                require(identity, ResourceKind.REGISTERED_MODEL, logged.modelId(), action);
            }
        } else {
            require(identity, ResourceKind.REGISTERED_MODEL, registeredName(uri), action);
        }
    }

    private static String registeredName(ModelUri uri) {
        if (uri instanceof ModelUri.Version version) {
            return version.name();
        }
        if (uri instanceof ModelUri.Alias alias) {
            return alias.name();
        }
        if (uri instanceof ModelUri.Stage stage) {
            return stage.name();
        }
        return ((ModelUri.Latest) uri).name();
    }

    // Rules over the platform's resources (deployments, monitors, datasets)

    /** The resource named by the route's path parameter {@code param}. */
    Rule pathResource(ResourceKind kind, Action action, String param) {
        return (identity, request) -> {
            String resource = request.pathParam(param);
            if (resource != null) {
                require(identity, kind, resource, action);
            }
        };
    }

    /** The resource named by each value of the request field {@code field}. */
    Rule resourceField(ResourceKind kind, Action action, String field) {
        return (identity, request) -> request.fields(field).forEach(resource -> require(identity, kind, resource, action));
    }

    /** The route's declared role is needed to create; the creator then manages what it created. */
    static void requireCreateRole(RequestIdentity identity, AccessRequest request) {
        AccessPolicy.requireRole(identity, request, Role.WRITE);
    }

    // Rules over users

    static Rule authenticated() {
        return (identity, request) -> { };
    }

    static Rule admin() {
        return (identity, request) -> {
            if (!Roles.isAdmin(identity)) {
                throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: only administrators may "
                        + request.method() + " " + request.path());
            }
        };
    }

    /** MLflow's {@code username_is_sender}: a user may read and change only themselves, administrators anyone. */
    static Rule selfOrAdmin() {
        return (identity, request) -> {
            List<String> named = request.fields("username");
            if (!Roles.isAdmin(identity) && !(named.size() == 1 && named.get(0).equals(identity.name()))) {
                throw new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name()
                        + "' may only " + request.method() + " " + request.path() + " for themselves");
            }
        };
    }

    PermissionService permissions() {
        return permissions;
    }

    /**
     * READ on the feature views and the feature service a read of online or offline features names: {@code references}
     * ({@code view:feature} or a bare {@code view}) and {@code service}, whose own views are checked too (a service is a
     * name for its views' features, not a way around their permissions).
     */
    void requireFeatureReads(RequestIdentity identity, JsonNode references, JsonNode service) {
        for (JsonNode reference : references) {
            String text = reference.asText();
            int colon = text.indexOf(':');
            require(identity, ResourceKind.FEATURE_VIEW, colon < 0 ? text : text.substring(0, colon), Action.READ);
        }
        if (service.isValueNode() && !service.isNull()) {
            require(identity, ResourceKind.FEATURE_SERVICE, service.asText(), Action.READ);
            locator.viewsOfFeatureService(service.asText())
                    .forEach(view -> require(identity, ResourceKind.FEATURE_VIEW, view, Action.READ));
        }
    }

    void require(RequestIdentity identity, ResourceKind kind, String resource, Action action) {
        if (!permissions.effective(identity, kind, resource).allows(action)) {
            throw denied(identity, action, kind.describe(resource));
        }
    }

    /**
     * The searches of this request keep in SQL only the {@code kind} resources {@code identity} may read, in the
     * request's workspace (bound before this check).
     */
    void readsFor(RequestIdentity identity, ResourceKind kind) {
        WorkspaceContext.Reader reader = permissions.reader(identity, kind, workspace.current());
        if (reader != null) {
            workspace.bindReader(reader);
        }
    }

    boolean canRead(RequestIdentity identity, ResourceKind kind, String resource) {
        return permissions.effective(identity, kind, resource).allows(Action.READ);
    }

    private static MlforgeException denied(RequestIdentity identity, Action action, String what) {
        return new MlforgeException(ErrorCode.PERMISSION_DENIED, "Permission denied: user '" + identity.name() + "' may not "
                + action.name().toLowerCase(java.util.Locale.ROOT) + " " + what);
    }
}
