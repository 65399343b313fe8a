package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A feature service as applied ({@code POST /api/v1/feature-services}, or an item of
 * {@link ApplyFeaturesRequest#featureServices()}): a named list of features a model reads.
 *
 * @param name the service's name: letters, digits, {@code _}, {@code .} or {@code -}, at most 128, not starting
 *             with a digit
 * @param features at least one reference: {@code view:feature}, or a bare view for all its features
 * @param description free text
 * @param version accepted and ignored, so that an answer can be applied again
 * @param createdAt accepted and ignored, so that an answer can be applied again
 * @param tags Feast's tags: accepted and ignored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureServiceSpec(
        @Schema(requiredMode = REQUIRED, description = "The service's name: letters, digits, '_', '.' or '-', at most 128, not starting with a digit")
        @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED, description = "At least one reference: 'view:feature', or a bare view for all its features")
        @JsonProperty("features") List<String> features,
        @Schema(description = "Free text")
        @JsonProperty("description") String description,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("version") Integer version,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("created_at") Long createdAt,
        @Schema(description = "Feast's tags: accepted and ignored")
        @JsonProperty("tags") Map<String, String> tags) {}
