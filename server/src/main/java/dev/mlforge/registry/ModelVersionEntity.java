package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/**
 * One version of a registered model.
 *
 * @param source      the source URI as registered ({@code runs:/...}, {@code mlflow-artifacts:/...})
 * @param storagePath where the files live, relative to the artifact store's root
 * @param codeVersion the run's {@code mlflow.source.git.commit} tag at registration, or null
 */
public record ModelVersionEntity(String name, int version, long creationTimestamp, long lastUpdatedTimestamp, String userId,
        Stage currentStage, String description, String source, String storagePath, String runId, String runLink,
        String status, String statusMessage, String codeVersion, Map<String, String> tags, List<String> aliases) {

    public static final String READY = "READY";
}
