package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/feature-views/training-set}: entity rows joined point-in-time with features,
 * registered as a new version of a dataset. It names exactly one of {@code features} and {@code feature_service},
 * and exactly one of {@code entity_rows}, {@code entity_dataset} and {@code entity_path}.
 *
 * @param datasetName the dataset the training set is registered as
 * @param features the features as {@code view:feature} or a bare view, or null with {@code feature_service}
 * @param featureService a feature service's name, or null with {@code features}
 * @param entityRows inline entity rows: objects with the same fields (join keys and the event time column)
 * @param entityDataset a registered dataset version holding the entity rows
 * @param entityPath a CSV or Parquet file of entity rows, relative to the server's data dir
 * @param eventTimestampColumn the entity rows' event time column (default {@code event_timestamp})
 * @param fullFeatureNames whether feature columns are named {@code view__feature} (default false)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSetRequest(
        @Schema(requiredMode = REQUIRED, description = "The dataset the training set is registered as")
        @JsonProperty("dataset_name") String datasetName,
        @Schema(description = "The features as 'view:feature' or a bare view (exactly one of features and feature_service)")
        @JsonProperty("features") List<String> features,
        @Schema(description = "A feature service's name (exactly one of features and feature_service)")
        @JsonProperty("feature_service") String featureService,
        @Schema(description = "Inline entity rows, objects with the same fields: the join keys and the event time column "
                + "(exactly one of entity_rows, entity_dataset and entity_path)")
        @JsonProperty("entity_rows") List<Map<String, Object>> entityRows,
        @Schema(description = "A registered dataset version holding the entity rows")
        @JsonProperty("entity_dataset") EntityDataset entityDataset,
        @Schema(description = "A CSV or Parquet file of entity rows, relative to the server's data dir")
        @JsonProperty("entity_path") String entityPath,
        @Schema(description = "The entity rows' event time column (default event_timestamp)")
        @JsonProperty("event_timestamp_column") String eventTimestampColumn,
        @Schema(description = "Whether feature columns are named view__feature (default false)")
        @JsonProperty("full_feature_names") Boolean fullFeatureNames) {

    /**
     * A registered dataset version holding entity rows.
     *
     * @param name the dataset's name
     * @param version its version: a positive number or {@code latest} (the default)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntityDataset(
            @Schema(requiredMode = REQUIRED, description = "The dataset's name")
            @JsonProperty("name") String name,
            @Schema(types = {"integer", "string"}, description = "Its version: a positive number or 'latest' (the default)")
            @JsonProperty("version") Object version) {}
}
