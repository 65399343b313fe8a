package dev.mlforge.app;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.models.ModelUri;
import dev.mlforge.pipelines.ModelRegistrar;
import dev.mlforge.registry.RegistryService;
import dev.mlforge.registry.ModelVersionEntity;
import dev.mlforge.registry.RunSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers the models pipelines train in the server's registry. The model folder is stored in the artifact
 * repository first: under the source run's {@code model} artifact when the run already logged the same files there
 * (the usual case, giving a {@code runs:/} source and lineage), else under a fresh folder of its own.
 */
final class RegistryModelRegistrar implements ModelRegistrar {
    /** Version tags holding the metrics a version was registered with, read back by promotion gates. */
    static final String METRIC_TAG_PREFIX = "mlforge.metric.";
    private static final String USER = "mlforge-pipelines";
    private static final String RUN_MODEL_PATH = "model";

    private final RegistryService registry;
    private final RunSource runs;
    private final ArtifactTrees trees;

    RegistryModelRegistrar(RegistryService registry, RunSource runs, ArtifactRepository artifacts) {
        this.registry = registry;
        this.runs = runs;
        this.trees = new ArtifactTrees(artifacts);
    }

    @Override
    public RegisteredVersion register(String modelName, Path modelDirectory, String sourceRunId, Map<String, String> tags,
            Map<String, Double> metrics) {
        ensureModel(modelName);
        Map<String, String> versionTags = new LinkedHashMap<>(tags);
        metrics.forEach((key, value) -> versionTags.put(METRIC_TAG_PREFIX + key, Double.toString(value)));
        ModelVersionEntity version = registry.createModelVersion(modelName, store(modelName, modelDirectory, sourceRunId),
                sourceRunId, versionTags, null, null, USER);
        return registered(version);
    }

    /** Stores the folder and returns the version's source URI. */
    private String store(String modelName, Path modelDirectory, String sourceRunId) {
        String runRoot = sourceRunId == null ? null
                : runs.find(sourceRunId).map(run -> ArtifactUris.relativePath(run.artifactUri())).orElse(null);
        if (runRoot != null) {
            String runModel = runRoot + "/" + RUN_MODEL_PATH;
            if (trees.sameFiles(modelDirectory, runModel)) {
                return ModelUri.run(sourceRunId, RUN_MODEL_PATH).toString();
            }
        }
        String target = (runRoot != null ? runRoot + "/registered-models/" : "registered-models/")
                + modelName + "/" + UUID.randomUUID();
        trees.upload(modelDirectory, target);
        return ArtifactUris.toUri(target);
    }

    private void ensureModel(String modelName) {
        try {
            registry.getRegisteredModel(modelName);
        } catch (MlforgeException missing) {
            if (missing.errorCode() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw missing;
            }
            try {
                registry.createRegisteredModel(modelName, null, Map.of(), USER);
            } catch (MlforgeException e) {
                if (e.errorCode() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void setAlias(String modelName, String alias, String version) {
        registry.setAlias(modelName, alias, version, USER);
    }

    @Override
    public Optional<RegisteredVersion> aliasHolder(String modelName, String alias) {
        return registry.findModelVersionByAlias(modelName, alias).map(this::registered);
    }

    /**
     * The version with its metrics: the metric tags a pipeline registered it with, else (a version registered by
     * hand or through MLflow's API) the metrics of its run, so that a promotion gate compares against the champion's
     * real numbers instead of passing for want of any.
     */
    private RegisteredVersion registered(ModelVersionEntity version) {
        Map<String, Double> metrics = metricTags(version);
        if (metrics.isEmpty() && version.runId() != null && !version.runId().isEmpty()) {
            runs.find(version.runId()).ifPresent(run -> metrics.putAll(run.metrics()));
        }
        String number = String.valueOf(version.version());
        return new RegisteredVersion(version.name(), number, ModelUri.version(version.name(), number).toString(), metrics);
    }

    private static Map<String, Double> metricTags(ModelVersionEntity version) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        version.tags().forEach((key, value) -> {
            if (key.startsWith(METRIC_TAG_PREFIX)) {
                try {
                    metrics.put(key.substring(METRIC_TAG_PREFIX.length()), Double.parseDouble(value));
                } catch (NumberFormatException ignored) {
                    // a user-set tag under our prefix that is no number: not a metric
                }
            }
        });
        return metrics;
    }
}
