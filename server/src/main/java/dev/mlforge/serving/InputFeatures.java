package dev.mlforge.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online features a deployment's model reads (see {@link FeatureEnrichment}): a feature service or a list of
 * {@code view:feature} references, which model input takes which of them as its columns, and the value used for a
 * feature whose online value is missing or stale.
 *
 * @param featureService the feature service, or null when {@code features} names them
 * @param features       the references, or empty when {@code featureService} names them
 * @param inputs         model input to its features (references or bare names), in column order; empty: the model's
 *                       single input takes every feature
 * @param defaults       feature (reference or bare name) to the value used when its online value is missing or stale
 */
public record InputFeatures(String featureService, List<String> features, Map<String, List<String>> inputs,
        Map<String, Double> defaults) {

    public InputFeatures {
        features = features == null ? List.of() : List.copyOf(features);
        Map<String, List<String>> copied = new LinkedHashMap<>();
        if (inputs != null) {
            inputs.forEach((input, names) -> copied.put(input, names == null ? List.of() : List.copyOf(names)));
        }
        inputs = Collections.unmodifiableMap(copied);
        defaults = defaults == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }
}
