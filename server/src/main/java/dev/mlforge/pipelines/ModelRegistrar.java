package dev.mlforge.pipelines;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's seam to the model registry: register a model directory as a new version, move an alias, and read
 * the metrics of the version an alias points at (for promotion gates).
 */
public interface ModelRegistrar {
    /** Registers {@code modelDirectory} (an MLmodel folder) under {@code modelName}; creates the model when missing. */
    RegisteredVersion register(String modelName, Path modelDirectory, String sourceRunId, Map<String, String> tags,
            Map<String, Double> metrics);

    void setAlias(String modelName, String alias, String version);

    /** The version {@code alias} points at and its recorded metrics; empty when the model or alias does not exist. */
    Optional<RegisteredVersion> aliasHolder(String modelName, String alias);

    /** A registered version: {@code modelUri} is {@code models:/name/version}. */
    record RegisteredVersion(String modelName, String version, String modelUri, Map<String, Double> metrics) {}
}
