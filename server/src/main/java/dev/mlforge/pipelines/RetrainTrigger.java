package dev.mlforge.pipelines;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pipeline to run when a deployment signals drift. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetrainTrigger(String deployment, String definition, Map<String, String> params, Instant createdAt) {
    public RetrainTrigger {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
