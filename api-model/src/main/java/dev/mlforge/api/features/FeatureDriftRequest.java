package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/feature-views/{name}/drift}: the registered dataset version the view's current
 * values are compared with.
 *
 * @param reference the reference dataset version
 */
public record FeatureDriftRequest(
        @Schema(requiredMode = REQUIRED, description = "The reference dataset version, holding some of the view's feature columns")
        @JsonProperty("reference") Reference reference) {

    /**
     * A registered dataset version.
     *
     * @param dataset the dataset's name
     * @param version its version: a positive number or {@code latest} (the default)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reference(
            @Schema(requiredMode = REQUIRED, description = "The dataset's name")
            @JsonProperty("dataset") String dataset,
            @Schema(types = {"integer", "string"}, description = "Its version: a positive number or 'latest' (the default)")
            @JsonProperty("version") Object version) {}
}
