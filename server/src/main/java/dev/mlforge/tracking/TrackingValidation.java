package dev.mlforge.tracking;

import dev.mlforge.http.MlforgeException;
import java.util.regex.Pattern;

/** MLflow's validation rules for tracking entities (mlflow/utils/validation.py), with its messages. */
final class TrackingValidation {
    static final int MAX_KEY_LENGTH = 250;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_TAG_VALUE_LENGTH = 5000;
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    static final int MAX_ENTITIES_PER_BATCH = 1000;
    static final long MAX_BATCH_REQUEST_BYTES = 1024 * 1024;
    static final int MAX_DATASET_NAME = 500;
    static final int MAX_DATASET_DIGEST = 36;
    static final int MAX_DATASET_SOURCE = 65535;
    static final int MAX_DATASET_SCHEMA = 65535;
    static final int MAX_DATASET_PROFILE = 16 * 1024 * 1024;
    static final int MAX_INPUT_TAG_KEY = 255;
    static final int MAX_INPUT_TAG_VALUE = 500;

    private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
    private static final Pattern EXPERIMENT_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,63}$");

    private TrackingValidation() {}

    /** Validates a metric, param or tag key; {@code kind} is "metric", "param" or "tag". */
    static void key(String kind, String key) {
        if (key == null) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'key'. "
                    + "See the API docs for more information about request parameters.");
        }
        if (!hasKeyCharacters(key)) {
            throw MlforgeException.invalidParameter("Invalid " + kind + " name: '" + key + "'. Names may only contain "
                    + "alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        }
        if (!isNormalPath(key)) {
            throw MlforgeException.invalidParameter("Invalid " + kind + " name: '" + key + "'. Names may be treated as "
                    + "files in certain cases, and must not resolve to other names when treated as such.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw lengthExceeded(kind + " key", key, MAX_KEY_LENGTH);
        }
    }

    /**
     * MLflow's key pattern {@code ^[/\w.\- ]*$} (ASCII letters, digits, underscore, slash, period, dash, space), checked
     * without a regex: a 1000-metric log-batch checks each of its distinct keys.
     */
    private static boolean hasKeyCharacters(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '/' || c == '.' || c == '-' || c == ' ';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Mirrors {@code posixpath.normpath(name) == name}: no empty, "." or ".." segments, no leading or trailing slash. */
    private static boolean isNormalPath(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            return false;
        }
        int start = 0;
        while (start <= key.length()) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = key.length();
            }
            if (isDotSegment(key, start, end)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** True for an empty, "." or ".." segment {@code key[start, end)}. */
    private static boolean isDotSegment(String key, int start, int end) {
        for (int i = start; i < end; i++) {
            if (key.charAt(i) != '.' || i - start == 2) {
                return false;
            }
        }
        return true;
    }

    static void tagValue(String key, String value) {
        if (value != null && value.length() > MAX_TAG_VALUE_LENGTH) {
            throw lengthExceeded("tag '" + key + "' value", value, MAX_TAG_VALUE_LENGTH);
        }
    }

    static void experimentTag(String key, String value) {
        key("tag", key);
        tagValue(key, value);
    }

    static MlforgeException lengthExceeded(String what, String value, int limit) {
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return MlforgeException.invalidParameter("'" + shown + "' for " + what + " had length " + value.length()
                + ", which exceeded length limit of " + limit);
    }

    static void runId(String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw MlforgeException.invalidParameter("Invalid run ID: '" + runId + "'");
        }
    }

    static void experimentId(String experimentId) {
        if (!EXPERIMENT_ID.matcher(experimentId).matches()) {
            throw MlforgeException.invalidParameter("Invalid experiment ID: '" + experimentId + "'");
        }
    }

    static void experimentName(String name) {
        if (name == null || name.isBlank()) {
            throw MlforgeException.invalidParameter("Invalid experiment name: '" + (name == null ? "" : name) + "'");
        }
        if (name.length() > 500) {
            throw lengthExceeded("experiment name", name, 500);
        }
    }

    static void batchLimits(int metrics, int params, int tags, long requestBytes) {
        if (metrics > MAX_METRICS_PER_BATCH) {
            throw tooMany(MAX_METRICS_PER_BATCH, "metrics", metrics);
        }
        if (params > MAX_PARAMS_TAGS_PER_BATCH) {
            throw tooMany(MAX_PARAMS_TAGS_PER_BATCH, "params", params);
        }
        if (tags > MAX_PARAMS_TAGS_PER_BATCH) {
            throw tooMany(MAX_PARAMS_TAGS_PER_BATCH, "tags", tags);
        }
        int total = metrics + params + tags;
        if (total > MAX_ENTITIES_PER_BATCH) {
            throw MlforgeException.invalidParameter("A batch logging request can contain at most "
                    + MAX_ENTITIES_PER_BATCH + " total metrics, params, and tags. Got " + total + " entities. "
                    + "Please split up metrics, params, and tags across multiple requests and try again.");
        }
        if (requestBytes > MAX_BATCH_REQUEST_BYTES) {
            throw MlforgeException.invalidParameter("Batched logging API requests must be at most "
                    + MAX_BATCH_REQUEST_BYTES + " bytes, got a request of size " + requestBytes + ".");
        }
    }

    private static MlforgeException tooMany(int limit, String kind, int count) {
        return MlforgeException.invalidParameter("A batch logging request can contain at most " + limit + " " + kind
                + ". Got " + count + " " + kind + ". Please split up " + kind
                + " across multiple requests and try again.");
    }

    /** Page sizes: positive and at most {@code maximum}. */
    static int maxResults(Integer requested, int defaultValue, int maximum) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested > maximum) {
            throw MlforgeException.invalidParameter("Invalid value for request parameter max_results. It must be at most "
                    + maximum + ", but got value " + requested);
        }
        if (requested < 1) {
            throw MlforgeException.invalidParameter("Invalid value for request parameter max_results. It must be at least "
                    + "1, but got value " + requested);
        }
        return requested;
    }

    static void dataset(DatasetEntity dataset) {
        require(dataset.name(), "dataset.name");
        require(dataset.digest(), "dataset.digest");
        require(dataset.sourceType(), "dataset.source_type");
        require(dataset.source(), "dataset.source");
        limit(dataset.name(), "dataset name", MAX_DATASET_NAME);
        limit(dataset.digest(), "dataset digest", MAX_DATASET_DIGEST);
        limit(dataset.source(), "dataset source", MAX_DATASET_SOURCE);
        limit(dataset.schema(), "dataset schema", MAX_DATASET_SCHEMA);
        limit(dataset.profile(), "dataset profile", MAX_DATASET_PROFILE);
    }

    static void inputTag(Tag tag) {
        require(tag.key(), "input_tag.key");
        require(tag.value(), "input_tag.value");
        limit(tag.key(), "input tag key", MAX_INPUT_TAG_KEY);
        limit(tag.value(), "input tag value", MAX_INPUT_TAG_VALUE);
    }

    private static void require(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter '" + field + "'. "
                    + "See the API docs for more information about request parameters.");
        }
    }

    private static void limit(String value, String what, int limit) {
        if (value != null && value.length() > limit) {
            throw lengthExceeded(what, value, limit);
        }
    }
}
