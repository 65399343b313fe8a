package dev.mlforge.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * On PostgreSQL, each run's params and tags also live as one jsonb object each on its row ({@code runs.params_doc},
 * {@code runs.tags_doc}, migration V27), so that an equality filter is a containment test one GIN index answers for
 * any number of clauses. The store calls these in the transaction that writes the rows of {@code params} and
 * {@code tags}, so the documents never disagree with them; on SQLite they do nothing.
 */
final class RunDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean kept;

    RunDocuments(boolean kept) {
        this.kept = kept;
    }

    /**
     * Locks the run's row until the transaction ends, before its params or tags are read or written: concurrent writes
     * to one run then apply in one order to both the rows and the documents (and the check that a param keeps its
     * value sees the other writer's committed rows).
     */
    void lockRun(Handle handle, String runId) {
        if (kept) {
            handle.createQuery("SELECT 1 FROM runs WHERE run_uuid = ? FOR UPDATE").bind(0, runId).mapTo(Integer.class).findOne();
        }
    }

    /** Adds params (never changed once logged) to the run's document. */
    void addParams(Handle handle, String runId, Map<String, String> params) {
        merge(handle, "params_doc", runId, params);
    }

    /** Sets tags on the run's document, a later value of a key replacing the earlier one. */
    void setTags(Handle handle, String runId, Map<String, String> tags) {
        merge(handle, "tags_doc", runId, tags);
    }

    /** Removes a tag from the run's document; call {@link #lockRun} before deleting its row. */
    void deleteTag(Handle handle, String runId, String key) {
        if (kept) {
            handle.execute("UPDATE runs SET tags_doc = tags_doc - ? WHERE run_uuid = ?", key, runId);
        }
    }

    private void merge(Handle handle, String column, String runId, Map<String, String> entries) {
        if (kept && !entries.isEmpty()) {
            handle.execute("UPDATE runs SET " + column + " = " + column + " || CAST(? AS jsonb) WHERE run_uuid = ?",
                    object(entries), runId);
        }
    }

    /** The one-entry document a filter {@code key = value} is contained in. */
    static String entry(String key, String value) {
        return object(Map.of(key, value));
    }

    private static String object(Map<String, String> entries) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write strings as JSON", e);
        }
    }
}
