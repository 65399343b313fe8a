package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One feature of a {@link FeatureViewSpec}: a source column and its type.
 *
 * @param name the source column (1 to 128 characters, no quotes or control characters)
 * @param dtype the feature's type, one of Feast's names
 */
public record FeatureFieldSpec(
        @Schema(requiredMode = REQUIRED, description = "The source column (1 to 128 characters, no quotes or control characters)")
        @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED, description = "The feature's type",
                allowableValues = {"Int32", "Int64", "Float32", "Float64", "String", "Bool"})
        @JsonProperty("dtype") String dtype) {}
