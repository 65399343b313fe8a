package dev.mlforge.workspaces;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.auth.ResourceKind;
import dev.mlforge.auth.ResourceLocator;
import dev.mlforge.http.AccessRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which top-level resources a request names, read the way the routes read them: experiments by id or name, and
 * through a run, a logged model or an artifact path; registered models (and their versions) by name; deployments
 * (also as Open Inference Protocol models), monitors and datasets by their path parameter; traces through their
 * experiment; transition requests through their registered model; a platform grant by its
 * {@code resource_type} and {@code resource_id}; the platform's other resources as {@link PlatformResources} reads them.
 * A run or logged model that does not exist names nothing: the route
 * answers its own 404.
 */
final class WorkspaceResources {
    private static final Pattern EXPERIMENT_ARTIFACT = Pattern.compile("^(\\d+)/");
    /** What a model version's {@code source} names: a run, a logged model, or an experiment's artifact folder. */
    private static final Pattern RUN_SOURCE = Pattern.compile("^runs:/([^/]+)");
    private static final Pattern LOGGED_MODEL_SOURCE = Pattern.compile("^models:/(m-[^/@]+)$");
    private static final Pattern ARTIFACT_SOURCE = Pattern.compile("^mlflow-artifacts:/+(\\d+)/");
    private static final Pattern MLFLOW = Pattern.compile("^/(?:ajax-)?api/[23]\\.0/mlflow(?:-artifacts)?/(.*)$");

    /** One resource a request names. */
    record Named(Scoped kind, String id) {}

    private final ResourceLocator locator;
    /** Runs and logged models never change experiment: each one's is looked up once (log-metric names its run each time). */
    private final Cache<String, String> experimentOf = Caffeine.newBuilder().maximumSize(100_000).build();

    WorkspaceResources(ResourceLocator locator) {
        this.locator = locator;
    }

    List<Named> named(AccessRequest request) {
        List<Named> named = new ArrayList<>();
        String route = request.route();
        Matcher mlflow = MLFLOW.matcher(route);
        if (mlflow.matches() || route.equals("/model-versions/get-artifact") || route.equals("/get-artifact")) {
            mlflowResources(request, mlflow.matches() ? mlflow.group(1) : route.substring(1), named);
        } else if (route.startsWith("/api/v1/deployments") || route.startsWith("/v2/models/")) {
            add(named, Scoped.DEPLOYMENT, request.pathParam("name"));
            if (route.equals("/api/v1/deployments") && request.method().equals("POST")) {
                add(named, Scoped.DEPLOYMENT, request.field("name"));
            }
        } else if (route.startsWith("/api/v1/monitors")) {
            add(named, Scoped.MONITOR, request.pathParam("id"));
            if (route.equals("/api/v1/monitors") && request.method().equals("POST")) {
                add(named, Scoped.DEPLOYMENT, request.field("deployment"));
            }
        } else if (route.startsWith("/api/v1/datasets")) {
            add(named, Scoped.DATASET, request.pathParam("name"));
            if (route.equals("/api/v1/datasets") && request.method().equals("POST")) {
                add(named, Scoped.DATASET, request.queryParam("name"));
            }
        } else if (route.startsWith("/api/v1/registry/models/")) {
            add(named, Scoped.REGISTERED_MODEL, request.pathParam("name"));
        } else if (route.startsWith("/api/v1/registry/transition-requests")) {
            transitionRequest(request, named);
        } else if (route.equals("/api/v1/permissions")) {
            platformGrant(request, named);
        } else {
            PlatformResources.name(request, named, this);
        }
        return named;
    }

    /** The experiment of a run (empty when it does not exist), looked up once. */
    Optional<String> experimentOfRun(String run) {
        return experimentOf("run:" + run, () -> locator.experimentOfRun(run));
    }

    /** The experiment of a logged model (empty when it does not exist), looked up once. */
    Optional<String> experimentOfLoggedModel(String model) {
        return experimentOf("model:" + model, () -> locator.experimentOfLoggedModel(model));
    }

    private void mlflowResources(AccessRequest request, String verb, List<Named> named) {
        for (String field : List.of("experiment_id", "experiment_ids")) {
            request.fields(field).forEach(id -> add(named, Scoped.EXPERIMENT, id));
        }
        if (verb.startsWith("experiments/get-by-name")) {
            request.fields("experiment_name").forEach(name -> locator.experimentByName(name)
                    .ifPresent(id -> add(named, Scoped.EXPERIMENT, id)));
        }
        for (String field : List.of("run_id", "run_uuid")) {
            request.fields(field).forEach(run -> experimentOfRun(run).ifPresent(id -> add(named, Scoped.EXPERIMENT, id)));
        }
        if (verb.startsWith("logged-models")) {
            String pathId = request.pathParam("model_id");
            for (String model : pathId != null ? List.of(pathId) : request.fields("model_id")) {
                experimentOfLoggedModel(model).ifPresent(id -> add(named, Scoped.EXPERIMENT, id));
            }
        }
        if (verb.startsWith("traces")) {
            traces(request, named);
        }
        if (verb.startsWith("registered-models/") || verb.startsWith("model-versions/")) {
            request.fields("name").forEach(name -> add(named, Scoped.REGISTERED_MODEL, name));
        }
        if (verb.startsWith("webhooks")) {
            add(named, Scoped.WEBHOOK, request.pathParam("webhook_id"));
        }
        if (verb.startsWith("model-versions/create")) {
            versionSource(request, named);
        }
        if (verb.startsWith("artifacts")) {
            String path = request.pathParam("path");
            Matcher experiment = EXPERIMENT_ARTIFACT.matcher(path == null ? nullToEmpty(request.field("path")) : path);
            if (experiment.find()) {
                add(named, Scoped.EXPERIMENT, experiment.group(1));
            }
        }
    }

    /**
     * Traces named by the path ({@code trace_id}, or the 2.x {@code request_id}) or by {@code trace_id} /
     * {@code trace_ids} fields: each names the experiment it was logged to.
     */
    private void traces(AccessRequest request, List<Named> named) {
        String pathId = request.pathParam("trace_id") != null ? request.pathParam("trace_id") : request.pathParam("request_id");
        List<String> ids = new ArrayList<>();
        if (pathId != null) {
            ids.add(pathId);
        } else {
            ids.addAll(request.fields("trace_id"));
            ids.addAll(request.fields("trace_ids"));
        }
        for (String trace : ids) {
            experimentOf("trace:" + trace, () -> locator.experimentOfTrace(trace))
                    .ifPresent(id -> add(named, Scoped.EXPERIMENT, id));
        }
        if (request.method().equals("POST")) {
            // a v3 search names its experiments as locations, a v3 trace its own location
            JsonNode body = request.jsonBody();
            for (JsonNode location : body.path("locations")) {
                add(named, Scoped.EXPERIMENT, location.path("mlflow_experiment").path("experiment_id").asText(null));
            }
            add(named, Scoped.EXPERIMENT, body.at("/trace/trace_info/trace_location/mlflow_experiment/experiment_id")
                    .asText(null));
        }
    }

    /**
     * A model version names the run, logged model or experiment folder its files come from: another workspace's is
     * refused as if it did not exist.
     */
    private void versionSource(AccessRequest request, List<Named> named) {
        for (String model : request.fields("model_id")) {
            experimentOf("model:" + model, () -> locator.experimentOfLoggedModel(model))
                    .ifPresent(id -> add(named, Scoped.EXPERIMENT, id));
        }
        String source = nullToEmpty(request.field("source"));
        Matcher run = RUN_SOURCE.matcher(source);
        Matcher loggedModel = LOGGED_MODEL_SOURCE.matcher(source);
        Matcher artifacts = ARTIFACT_SOURCE.matcher(source);
        if (run.find()) {
            String runId = run.group(1);
            experimentOf("run:" + runId, () -> locator.experimentOfRun(runId)).ifPresent(id -> add(named, Scoped.EXPERIMENT, id));
        } else if (loggedModel.matches()) {
            String model = loggedModel.group(1);
            experimentOf("model:" + model, () -> locator.experimentOfLoggedModel(model))
                    .ifPresent(id -> add(named, Scoped.EXPERIMENT, id));
        } else if (artifacts.find()) {
            add(named, Scoped.EXPERIMENT, artifacts.group(1));
        }
    }

    /** A transition request names its registered model: by {@code name} when made, by its id afterwards. */
    private void transitionRequest(AccessRequest request, List<Named> named) {
        String id = request.pathParam("id");
        if (id != null) {
            locator.modelOfTransitionRequest(id).ifPresent(model -> add(named, Scoped.REGISTERED_MODEL, model));
        } else if (request.method().equals("POST")) {
            add(named, Scoped.REGISTERED_MODEL, request.field("name"));
        } else {
            add(named, Scoped.REGISTERED_MODEL, request.queryParam("name"));
        }
    }

    private Optional<String> experimentOf(String key, Supplier<Optional<String>> lookup) {
        String known = experimentOf.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = lookup.get();
        found.ifPresent(id -> experimentOf.put(key, id));
        return found;
    }

    private static void platformGrant(AccessRequest request, List<Named> named) {
        String type = request.field("resource_type");
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.wireName().equals(type)) {
                add(named, Scoped.of(kind), request.field("resource_id"));
            }
        }
    }

    static void add(List<Named> named, Scoped kind, String id) {
        if (id != null && !id.isEmpty()) {
            named.add(new Named(kind, id));
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
