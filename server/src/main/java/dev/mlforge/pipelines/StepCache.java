package dev.mlforge.pipelines;

import java.util.Map;
import java.util.Optional;

/** Earlier step results by cache key (the digest of a step's type, parameters and input digests). */
public interface StepCache {
    /** The outputs saved under {@code key}, if every file they name still exists. */
    Optional<Map<String, StepValue>> find(String key);

    void save(String key, String stepType, Map<String, StepValue> outputs);
}
