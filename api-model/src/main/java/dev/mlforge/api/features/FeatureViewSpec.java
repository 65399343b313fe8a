package dev.mlforge.api.features;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A feature view as applied ({@code POST /api/v1/feature-views}, or an item of
 * {@link ApplyFeaturesRequest#featureViews()}): features of entities read from a source, with the column of each
 * row's event time.
 *
 * @param name the view's name: letters, digits, {@code _}, {@code .} or {@code -}, at most 128, not starting with a
 *             digit
 * @param entities the entities keying the view, at least one, applied before or in the same document
 * @param features the features, at least one
 * @param schema Feast's name for {@code features}, read when {@code features} is absent
 * @param source where the rows come from
 * @param timestampField the source column holding each row's event time
 * @param ttl how long a value stays fresh: whole seconds, or a number with a unit {@code s}, {@code m}, {@code h},
 *            {@code d} or {@code w} ({@code "30d"}); 0 or absent for no limit
 * @param online whether materialization writes the view to the online store (default true)
 * @param description free text
 * @param version accepted and ignored, so that an answer can be applied again
 * @param createdAt accepted and ignored, so that an answer can be applied again
 * @param tags Feast's tags: accepted and ignored
 * @param materialization the state a read answers: accepted and ignored, so that an answer can be applied again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureViewSpec(
        @Schema(requiredMode = REQUIRED, description = "The view's name: letters, digits, '_', '.' or '-', at most 128, not starting with a digit")
        @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED, description = "The entities keying the view (at least one), applied before or in the same document")
        @JsonProperty("entities") List<String> entities,
        @Schema(requiredMode = REQUIRED, description = "The features, at least one (Feast's alias: schema)")
        @JsonProperty("features") List<FeatureFieldSpec> features,
        @Schema(description = "Feast's name for features, read when features is absent")
        @JsonProperty("schema") List<FeatureFieldSpec> schema,
        @Schema(requiredMode = REQUIRED, description = "Where the rows come from")
        @JsonProperty("source") FeatureSourceSpec source,
        @Schema(requiredMode = REQUIRED, description = "The source column holding each row's event time")
        @JsonProperty("timestamp_field") String timestampField,
        @Schema(types = {"integer", "string"}, description = "How long a value stays fresh: whole seconds, or a number "
                + "with a unit s, m, h, d or w (like '30d'); 0 or absent for no limit")
        @JsonProperty("ttl") Object ttl,
        @Schema(description = "Whether materialization writes the view to the online store (default true)")
        @JsonProperty("online") Boolean online,
        @Schema(description = "Free text")
        @JsonProperty("description") String description,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("version") Integer version,
        @Schema(description = "Accepted and ignored, so that an answer can be applied again")
        @JsonProperty("created_at") Long createdAt,
        @Schema(description = "Feast's tags: accepted and ignored")
        @JsonProperty("tags") Map<String, String> tags,
        @Schema(description = "The materialization state a read answers: accepted and ignored")
        @JsonProperty("materialization") Map<String, Object> materialization) {}
