package dev.mlforge.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlforge.api.MlforgeException;

/**
 * A dataset version a run consumed, described by reference as MLflow's {@code Dataset} entity: {@code digest}
 * identifies the content (the datasets feature's digest for registered versions), {@code source} is a JSON document
 * locating it (e.g. {@code {"uri": "mlforge-artifacts:/datasets/..."}}), {@code schema} and {@code profile} are
 * optional JSON documents.
 */
public record DatasetReference(
        String name,
        String digest,
        @JsonProperty("source_type") String sourceType,
        String source,
        String schema,
        String profile) {

    /** {@code mlflow.data.context} of a dataset a model was trained on. */
    public static final String TRAINING = "training";
    /** {@code mlflow.data.context} of a dataset a model was evaluated on. */
    public static final String EVALUATION = "evaluation";

    public DatasetReference {
        require(name, "name");
        require(digest, "digest");
        require(sourceType, "source_type");
        require(source, "source");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw MlforgeException.invalidParameter("A dataset reference needs a '" + field + "'");
        }
    }
}
