package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The online features a deployment's model reads: a request carrying only entity keys is enriched from the feature
 * store's online store before scoring. Name exactly one of {@code featureService} and {@code features}.
 *
 * @param featureService a feature service whose features the model reads, or null
 * @param features the features the model reads as {@code view:feature} references, or null
 * @param inputs model input name to the features (references or bare feature names) stacked, in order, as its
 *        columns; null: the model's single input takes every feature, in order
 * @param defaults the value used for a feature (reference or bare name) whose online value is missing or older than
 *        its view's TTL; a missing value without a default refuses the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentFeaturesSpec(
        @JsonProperty("feature_service") String featureService,
        @JsonProperty("features") List<String> features,
        @JsonProperty("inputs") Map<String, List<String>> inputs,
        @JsonProperty("defaults") Map<String, Double> defaults) {
}
