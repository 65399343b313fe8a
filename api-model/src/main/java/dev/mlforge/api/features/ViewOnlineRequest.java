package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/feature-views/{name}/online}: a view's online values for entity keys, answered in
 * Feast's {@code /get-online-features} shape.
 *
 * @param entities each join key to its values (numbers or strings), every list as long as the others, 1 to 10,000
 *                 rows
 * @param features the view's features to answer, by name, or null for all of them
 * @param fullFeatureNames whether features are named {@code view__feature} (default false)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ViewOnlineRequest(
        @Schema(requiredMode = REQUIRED, description = "Each join key to its values (numbers or strings), every list as "
                + "long as the others, 1 to 10,000 rows: {\"driver_id\": [1001, 1002]}")
        @JsonProperty("entities") Map<String, List<Object>> entities,
        @Schema(description = "The view's features to answer, by name (default all)")
        @JsonProperty("features") List<String> features,
        @Schema(description = "Whether features are named view__feature (default false)")
        @JsonProperty("full_feature_names") Boolean fullFeatureNames) {}
