package dev.mlforge.pipelines;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline run on a cron schedule (five-field Unix cron, UTC).
 *
 * @param nextFireAt  when it fires next; the server that moves it forward first (compare-and-set) fires the run
 * @param lastFiredBy the scheduler instance that fired it last
 */
public record ScheduledPipeline(String name, String cron, String definition, Map<String, String> params, boolean enabled,
        Instant nextFireAt, String lastFiredBy, Instant lastFiredAt) {
    public ScheduledPipeline {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
