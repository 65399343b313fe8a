package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An entity as applied ({@code POST /api/v1/entities}, or an item of {@link ApplyFeaturesRequest#entities()}): the
 * thing features describe, and the column that keys it.
 *
 * @param name the entity's name: letters, digits, {@code _}, {@code .} or {@code -}, at most 128, not starting with a
 *             digit
 * @param joinKey the column holding the entity's key (default: the name)
 * @param joinKeys Feast's form of {@code join_key}: a list of exactly one column name
 * @param description free text
 * @param valueType Feast's value type of the key: accepted and ignored (keys are compared as written)
 * @param version accepted and ignored, so that an answer can be applied again
 * @param createdAt accepted and ignored, so that an answer can be applied again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntitySpec(
        @Schema(requiredMode = REQUIRED, description = "The entity's name: letters, digits, '_', '.' or '-', at most 128, not starting with a digit")
        @JsonProperty("name") String name,
        @Schema(description = "The column holding the entity's key (default: the name)")
        @JsonProperty("join_key") String joinKey,
        @Schema(description = "Feast's form of join_key: a list of exactly one column name")
        @JsonProperty("join_keys") List<String> joinKeys,
        @Schema(description = "Free text")
        @JsonProperty("description") String description,
        @Schema(description = "Feast's value type of the key: accepted and ignored")
        @JsonProperty("value_type") String valueType,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("version") Integer version,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("created_at") Long createdAt) {}
