package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/**
 * A registered model as MLflow shows it.
 *
 * @param aliases        alias to version number
 * @param latestVersions the latest version in each stage
 */
public record RegisteredModelEntity(String name, long creationTimestamp, long lastUpdatedTimestamp, String userId,
        String description, Map<String, String> tags, Map<String, Integer> aliases, List<ModelVersionEntity> latestVersions) {}
