package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/**
 * One version of a registered model.
 *
 * @param source      the source URI as registered ({@code runs:/...}, {@code mlflow-artifacts:/...})
 * @param storagePath where the files live, relative to the artifact store's root
 * @param codeVersion the run's {@code mlflow.source.git.commit} tag at registration, or null
 * @param loggedModelId the MLflow 3 logged model ({@code m-<32 hex>}) the version was registered from, or null
 * @param filesRecorded whether the integrity manifest was taken; false while the source's files have not arrived
 */
public record ModelVersionEntity(String name, int version, long creationTimestamp, long lastUpdatedTimestamp, String userId,
        Stage currentStage, String description, String source, String storagePath, String runId, String runLink,
        String status, String statusMessage, String codeVersion, Map<String, String> tags, List<String> aliases, String loggedModelId,
        boolean filesRecorded) {

    public static final String READY = "READY";
}
