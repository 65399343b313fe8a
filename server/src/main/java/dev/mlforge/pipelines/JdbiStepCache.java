package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Step results in the {@code pipeline_step_cache} table (V5); the files themselves stay in the cache folder. */
public final class JdbiStepCache implements StepCache {
    private static final TypeReference<Map<String, StepValue>> OUTPUTS = new TypeReference<>() {};

    private final Database database;
    private final Clock clock;

    public JdbiStepCache(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<Map<String, StepValue>> find(String key) {
        return recorded(key).filter(JdbiStepCache::filesExist);
    }

    /** The outputs recorded under {@code key}, whether or not their files exist on this server. */
    Optional<Map<String, StepValue>> recorded(String key) {
        Optional<String> json = database.read(handle -> handle.createQuery("SELECT outputs_json FROM pipeline_step_cache WHERE cache_key = :key")
                .bind("key", key).mapTo(String.class).findOne());
        return json.map(JdbiStepCache::outputs);
    }

    @Override
    public void save(String key, String stepType, Map<String, StepValue> outputs) {
        String json = toJson(outputs);
        database.write(handle -> {
            handle.createUpdate("DELETE FROM pipeline_step_cache WHERE cache_key = :key").bind("key", key).execute();
            return handle.createUpdate("INSERT INTO pipeline_step_cache (cache_key, step_type, outputs_json, created_at)"
                            + " VALUES (:key, :type, :json, :created)")
                    .bind("key", key).bind("type", stepType).bind("json", json).bind("created", clock.millis()).execute();
        });
    }

    private static boolean filesExist(Map<String, StepValue> outputs) {
        return outputs.values().stream().allMatch(value ->
                !(value instanceof StepValue.FileValue file) || Files.exists(file.file()));
    }

    static String toJson(Map<String, StepValue> outputs) {
        try {
            return Json.mapper().writerFor(OUTPUTS).writeValueAsString(outputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise step outputs", e);
        }
    }

    static Map<String, StepValue> outputs(String json) {
        try {
            return Json.mapper().readValue(json, OUTPUTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt step cache entry: " + json, e);
        }
    }
}
