package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/** Everything recorded when a version is registered, after the source has been checked and hashed. */
record NewVersion(String modelName, String source, String storagePath, String runId, String runLink, String description,
        String userId, Map<String, String> tags, String codeVersion, String flavorsJson, String signatureJson,
        List<ManifestEntry> manifest, List<DatasetRef> datasets, long timestamp, String loggedModelId,
        boolean filesRecorded) {}
