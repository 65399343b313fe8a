package dev.mlforge.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers where a model version came from (datasets, run, code version) and where a dataset went (model versions,
 * deployments), and records deployments for serving.
 */
public final class LineageService {
    private final RegistryService registry;
    private final LineageStore store;

    LineageService(RegistryService registry, LineageStore store) {
        this.registry = registry;
        this.store = store;
    }

    /** Records that {@code deploymentName} serves the version; serving calls this when it deploys a model. */
    public void recordDeployment(String modelName, String version, String deploymentName) {
        if (deploymentName == null || deploymentName.isBlank()) {
            throw dev.mlforge.http.MlforgeException.invalidParameter("Missing value for required parameter 'deployment_name'.");
        }
        ModelVersionEntity target = registry.getModelVersion(modelName, version);
        store.recordDeployment(modelName, target.version(), deploymentName, registry.now());
    }

    /** The datasets, run and code version behind a version, and its deployments. */
    public LineageGraph ofVersion(String modelName, String version) {
        ModelVersionEntity target = registry.getModelVersion(modelName, version);
        Builder graph = new Builder();
        String modelNode = graph.model(target);
        if (target.runId() != null) {
            String runNode = graph.run(target.runId(), target.codeVersion());
            graph.edge(runNode, modelNode, "produced");
            for (DatasetRef dataset : store.datasets(modelName, target.version())) {
                graph.edge(graph.dataset(dataset), runNode, "trained");
            }
        }
        for (LineageStore.Deployment deployment : store.deployments(modelName, target.version())) {
            graph.edge(modelNode, graph.deployment(deployment), "deployed_as");
        }
        return graph.build();
    }

    /** The model versions trained on the dataset with {@code digest}, their runs and their deployments. */
    public LineageGraph ofDataset(String digest) {
        if (digest == null || digest.isBlank()) {
            throw dev.mlforge.http.MlforgeException.invalidParameter("Missing value for required parameter 'dataset_digest'.");
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
            throw dev.mlforge.http.MlforgeException.notFound("No model version was trained on a dataset with digest " + digest);
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
