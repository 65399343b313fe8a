package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers where a model version came from (datasets, run, code version, the MLflow 3 logged model it was registered
 * from), where a dataset or a logged model went (model versions, deployments), and records deployments for serving.
 */
public final class LineageService {
    private final RegistryService registry;
    private final LineageStore store;
    private final LoggedModelLocator loggedModels;

    LineageService(RegistryService registry, LineageStore store, LoggedModelLocator loggedModels) {
        this.registry = registry;
        this.store = store;
        this.loggedModels = loggedModels;
    }

    /** Records that {@code deploymentName} serves the version; serving calls this when it deploys a model. */
    public void recordDeployment(String modelName, String version, String deploymentName) {
        if (deploymentName == null || deploymentName.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'deployment_name'.");
        }
        ModelVersionEntity target = registry.getModelVersion(modelName, version);
        store.recordDeployment(modelName, target.version(), deploymentName, registry.now());
    }

    /** The datasets, run, code version and logged model behind a version, and its deployments. */
    public LineageGraph ofVersion(String modelName, String version) {
        ModelVersionEntity target = registry.getModelVersion(modelName, version);
        Builder graph = new Builder();
        addVersion(graph, target, target.loggedModelId() == null ? null : loggedModels.find(target.loggedModelId()).orElse(null));
        return graph.build();
    }

    /**
     * The run that logged an MLflow 3 logged model, the versions registered from it, their datasets and deployments;
     * not found when there is neither such a logged model nor a version registered from it.
     */
    public LineageGraph ofLoggedModel(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'logged_model_id'.");
        }
        LoggedModelLocator.LoggedModelFacts facts = loggedModels.find(modelId).orElse(null);
        List<LineageStore.RegisteredVersion> versions = store.versionsRegisteredFrom(modelId);
        if (facts == null && versions.isEmpty()) {
            throw MlforgeException.notFound("No logged model with ID '" + modelId + "' and no model version registered from it");
        }
        Builder graph = new Builder();
        String loggedNode = graph.loggedModel(modelId);
        if (facts != null && facts.sourceRunId() != null) {
            graph.edge(graph.run(facts.sourceRunId(), null), loggedNode, "logged");
        }
        for (LineageStore.RegisteredVersion registered : versions) {
            addVersion(graph, registry.getModelVersion(registered.modelName(), String.valueOf(registered.version())), facts);
        }
        return graph.build();
    }

    /**
     * A version's node and what it came from: its run produced it directly, or (MLflow 3) the run logged a model
     * that was registered as the version; datasets trained the run; the version was deployed as its deployments.
     */
    private void addVersion(Builder graph, ModelVersionEntity target, LoggedModelLocator.LoggedModelFacts logged) {
        String modelNode = graph.model(target);
        String upstream = modelNode;
        if (target.loggedModelId() != null) {
            upstream = graph.loggedModel(target.loggedModelId());
            graph.edge(upstream, modelNode, "registered_as");
        }
        String runId = target.runId() != null ? target.runId() : logged == null ? null : logged.sourceRunId();
        if (runId != null) {
            String runNode = graph.run(runId, target.codeVersion());
            graph.edge(runNode, upstream, upstream.equals(modelNode) ? "produced" : "logged");
            for (DatasetRef dataset : store.datasets(target.name(), target.version())) {
                graph.edge(graph.dataset(dataset), runNode, "trained");
            }
        }
        for (LineageStore.Deployment deployment : store.deployments(target.name(), target.version())) {
            graph.edge(modelNode, graph.deployment(deployment), "deployed_as");
        }
    }

    /** The model versions trained on the dataset with {@code digest}, their runs and their deployments. */
    public LineageGraph ofDataset(String digest) {
        if (digest == null || digest.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'dataset_digest'.");
        }
        Builder graph = new Builder();
        for (LineageStore.TrainedVersion trained : store.versionsTrainedOn(digest)) {
            String datasetNode = graph.dataset(trained.dataset());
            ModelVersionEntity version = registry.getModelVersion(trained.modelName(), String.valueOf(trained.version()));
            String runNode = graph.run(trained.runId(), trained.codeVersion());
            String modelNode = graph.model(version);
            graph.edge(datasetNode, runNode, "trained");
            graph.edge(runNode, modelNode, "produced");
            for (LineageStore.Deployment deployment : store.deployments(trained.modelName(), trained.version())) {
                graph.edge(modelNode, graph.deployment(deployment), "deployed_as");
            }
        }
        if (graph.nodes.isEmpty()) {
            throw MlforgeException.notFound("No model version was trained on a dataset with digest " + digest);
        }
        return graph.build();
    }

    private static final class Builder {
        private final Map<String, LineageGraph.Node> nodes = new LinkedHashMap<>();
        private final Set<LineageGraph.Edge> edges = new LinkedHashSet<>();

        String model(ModelVersionEntity version) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("name", version.name());
            attributes.put("version", String.valueOf(version.version()));
            attributes.put("current_stage", version.currentStage().canonical());
            attributes.put("aliases", version.aliases());
            attributes.put("source", version.source());
            return node("model:" + version.name() + "/" + version.version(), "model_version", attributes);
        }

        String run(String runId, String codeVersion) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("run_id", runId);
            if (codeVersion != null) {
                attributes.put("code_version", codeVersion);
            }
            return node("run:" + runId, "run", attributes);
        }

        String loggedModel(String modelId) {
            return node("logged_model:" + modelId, "logged_model", Map.of("model_id", modelId));
        }

        String dataset(DatasetRef dataset) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("name", dataset.name());
            attributes.put("digest", dataset.digest());
            if (dataset.context() != null) {
                attributes.put("context", dataset.context());
            }
            return node("dataset:" + dataset.digest(), "dataset", attributes);
        }

        String deployment(LineageStore.Deployment deployment) {
            return node("deployment:" + deployment.name(), "deployment",
                    Map.of("name", deployment.name(), "timestamp", deployment.timestamp()));
        }

        private String node(String id, String type, Map<String, Object> attributes) {
            nodes.putIfAbsent(id, new LineageGraph.Node(id, type, attributes));
            return id;
        }

        void edge(String from, String to, String relation) {
            edges.add(new LineageGraph.Edge(from, to, relation));
        }

        LineageGraph build() {
            return new LineageGraph(List.copyOf(nodes.values()), new ArrayList<>(edges));
        }
    }
}
