package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The body of Feast's {@code POST /get-online-features}: online values of features for entity keys, the features named
 * either as a list or by a feature service. The server reads it field by field (it is a data-plane route); fields not
 * named here are ignored, as Feast's feature server does.
 */
@Schema(oneOf = {GetOnlineFeaturesRequest.ByFeatures.class, GetOnlineFeaturesRequest.ByService.class})
public sealed interface GetOnlineFeaturesRequest {

    /**
     * Features named one by one.
     *
     * @param features {@code view:feature} or a bare view, at least one
     * @param entities each join key to its values (numbers or strings), every list as long as the others
     * @param fullFeatureNames whether features are named {@code view__feature} (default false)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ByFeatures(
            @Schema(requiredMode = REQUIRED, description = "'view:feature' or a bare view, at least one")
            @JsonProperty("features") List<String> features,
            @Schema(requiredMode = REQUIRED, description = "Each join key to its values (numbers or strings), every list as "
                    + "long as the others, 1 to 10,000 rows: {\"driver_id\": [1001, 1002]}")
            @JsonProperty("entities") Map<String, List<Object>> entities,
            @Schema(description = "Whether features are named view__feature (default false)")
            @JsonProperty("full_feature_names") Boolean fullFeatureNames) implements GetOnlineFeaturesRequest {}

    /**
     * The features of a feature service.
     *
     * @param featureService the feature service's name
     * @param entities each join key to its values (numbers or strings), every list as long as the others
     * @param fullFeatureNames whether features are named {@code view__feature} (default false)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ByService(
            @Schema(requiredMode = REQUIRED, description = "The feature service's name")
            @JsonProperty("feature_service") String featureService,
            @Schema(requiredMode = REQUIRED, description = "Each join key to its values (numbers or strings), every list as "
                    + "long as the others, 1 to 10,000 rows: {\"driver_id\": [1001, 1002]}")
            @JsonProperty("entities") Map<String, List<Object>> entities,
            @Schema(description = "Whether features are named view__feature (default false)")
            @JsonProperty("full_feature_names") Boolean fullFeatureNames) implements GetOnlineFeaturesRequest {}
}
