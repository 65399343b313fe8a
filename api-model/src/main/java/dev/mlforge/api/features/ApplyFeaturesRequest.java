package dev.mlforge.api.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/v1/features/apply}: definitions applied all or none, the changed ones as new
 * versions.
 *
 * @param entities the entities, or null
 * @param featureViews the feature views (naming entities of this document or applied before), or null
 * @param featureServices the feature services (naming views of this document or applied before), or null
 * @param project Feast's project name: accepted and ignored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplyFeaturesRequest(
        @Schema(description = "The entities")
        @JsonProperty("entities") List<EntitySpec> entities,
        @Schema(description = "The feature views, naming entities of this document or applied before")
        @JsonProperty("feature_views") List<FeatureViewSpec> featureViews,
        @Schema(description = "The feature services, naming views of this document or applied before")
        @JsonProperty("feature_services") List<FeatureServiceSpec> featureServices,
        @Schema(description = "Feast's project name: accepted and ignored")
        @JsonProperty("project") String project) {}
