package dev.mlforge.pipelines;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline to run when a deployment signals drift. */
public record RetrainTrigger(String deployment, String definition, Map<String, String> params, Instant createdAt) {
    public RetrainTrigger {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
